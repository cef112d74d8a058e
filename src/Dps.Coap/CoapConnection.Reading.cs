using System.Buffers;
using System.Buffers.Binary;
using System.IO.Pipelines;
using Dps.Coap.Framing;
using Dps.Coap.Internal;
using Microsoft.Extensions.Logging;

namespace Dps.Coap;

public sealed partial class CoapConnection
{
    private async Task ReadLoopAsync()
    {
        var reader = PipeReader.Create(_stream, new StreamPipeReaderOptions(leaveOpen: true));
        CoapConnectionException? reason = null;
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync(_lifetime.Token).ConfigureAwait(false);
                var buffer = result.Buffer;
                try
                {
                    while (Volatile.Read(ref _state) != StateClosed
                        && CoapTcpFramer.TryRead(ref buffer, _options.MaxMessageSize, out var message))
                    {
                        Dispatch(message!);
                    }
                }
                finally
                {
                    reader.AdvanceTo(buffer.Start, buffer.End);
                }

                if (result.IsCompleted)
                {
                    reason = new CoapConnectionException(
                        CoapConnectionErrorKind.PeerClosed,
                        buffer.IsEmpty ? "The peer closed the connection." : "The peer closed the connection in the middle of a frame.");
                    break;
                }

                if (result.IsCanceled || Volatile.Read(ref _state) == StateClosed)
                {
                    break;
                }
            }
        }
        catch (Exception ex) when (ex is CoapFormatException or CoapProtocolViolationException)
        {
            Log.ProtocolViolation(_logger, EndPointText, ex.Message);
            var options = ex is CoapProtocolViolationException { BadCsmOption: { } bad }
                ? new[] { CoapOption.FromUInt(CoapSignalingOption.BadCsmOption, bad) }
                : null;
            try
            {
                // Bounded: a peer that stopped reading must not keep the connection alive.
                await WriteBoundedAsync(CreateSignal(CoapCode.Abort, options, ex.Message), CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception abortFailure) when (abortFailure is CoapConnectionException or TimeoutException)
            {
                // Already gone, or the peer does not read.
            }

            reason = new CoapConnectionException(CoapConnectionErrorKind.ProtocolError, "Protocol violation by the peer: " + ex.Message, ex);
        }
        catch (Exception) when (Volatile.Read(ref _state) == StateClosed)
        {
            // The stream was closed under the reader by Shutdown.
        }
        catch (Exception ex)
        {
            Log.ReadFailed(_logger, EndPointText, ex);
            reason = new CoapConnectionException(CoapConnectionErrorKind.TransportFailed, "Reading from the connection failed: " + ex.Message, ex);
        }
        finally
        {
            await reader.CompleteAsync().ConfigureAwait(false);
        }

        if (reason is not null)
        {
            Shutdown(reason);
        }
    }

    private void Dispatch(CoapMessage message)
    {
        if (_logger.IsEnabled(LogLevel.Debug))
        {
            Log.MessageReceived(_logger, message.Code, message.Code.IsRequest ? message.UriPath : string.Empty, message.Payload.Length);
        }

        var code = message.Code;
        if (code.IsEmpty)
        {
            return;
        }

        if (code.IsSignaling)
        {
            OnSignal(message);
        }
        else if (code.IsRequest)
        {
            OnRequest(message);
        }
        else if (code.IsResponse)
        {
            OnResponse(message);
        }
        else
        {
            Log.SignalIgnored(_logger, code);
        }
    }

    private void OnSignal(CoapMessage message)
    {
        var code = message.Code;
        if (code == CoapCode.Csm)
        {
            OnCsm(message);
        }
        else if (code == CoapCode.Ping)
        {
            var options = message.Options.Contains(CoapSignalingOption.Custody)
                ? new[] { CoapOption.Empty(CoapSignalingOption.Custody) }
                : null;
            _ = SendInBackgroundAsync(CoapMessage.Create(CoapCode.Pong, message.Token, options));
        }
        else if (code == CoapCode.Pong)
        {
            OnResponse(message);
        }
        else if (code == CoapCode.Release)
        {
            Shutdown(new CoapConnectionException(
                CoapConnectionErrorKind.PeerReleased, "The peer released the connection." + Diagnostic(message)));
        }
        else if (code == CoapCode.Abort)
        {
            Shutdown(new CoapConnectionException(
                CoapConnectionErrorKind.PeerAborted, "The peer aborted the connection." + Diagnostic(message)));
        }
        else
        {
            Log.SignalIgnored(_logger, code);
        }
    }

    private static string Diagnostic(CoapMessage message)
    {
        if (message.Payload.IsEmpty)
        {
            return string.Empty;
        }

        var span = message.Payload.Span;
        return " " + System.Text.Encoding.UTF8.GetString(span[..Math.Min(span.Length, 256)]);
    }

    private void OnCsm(CoapMessage csm)
    {
        var current = PeerSettings;
        int maxMessageSize = current.MaxMessageSize;
        bool blockWise = current.BlockWiseTransfer;
        foreach (var option in csm.Options)
        {
            switch (option.Number)
            {
                case CoapSignalingOption.MaxMessageSize:
                    uint value = option.GetUInt();
                    maxMessageSize = (int)Math.Min(value, (uint)CoapTcpFramer.AbsoluteMaxMessageSize);
                    break;
                case CoapSignalingOption.BlockWiseTransfer:
                    blockWise = true;
                    break;
                default:
                    if (CoapOptionNumber.IsCritical(option.Number))
                    {
                        throw new CoapProtocolViolationException($"Unknown critical CSM option {option.Number}.", option.Number);
                    }

                    break;
            }
        }

        var settings = new CoapPeerSettings(maxMessageSize, blockWise, true);
        Volatile.Write(ref _peerSettings, settings);
        Log.CsmReceived(_logger, EndPointText, settings);
        _firstCsm.TrySetResult(settings);
    }

    private void OnResponse(CoapMessage message)
    {
        if (message.Token.Length == 8)
        {
            ulong key = BinaryPrimitives.ReadUInt64BigEndian(message.Token.Span);
            if (_pending.TryRemove(key, out var exchange))
            {
                exchange.Observation?.OnFirstResponse(message);
                exchange.Answered?.Invoke();
                exchange.TrySetResult(message);
                return;
            }

            if (!message.Code.IsSignaling && _observations.TryGetValue(key, out var observation))
            {
                observation.OnNotification(message, _logger);
                return;
            }
        }

        if (message.Code == CoapCode.Pong && TryCompleteAnyPing(message))
        {
            return;
        }

        Log.UnknownResponseToken(_logger, message.Code);
    }

    /// <summary>
    /// Some peers (libcoap 4.3) answer a Ping with a Pong that does not echo the token; such a Pong
    /// completes a pending Ping, since Pongs carry nothing else to match on.
    /// </summary>
    private bool TryCompleteAnyPing(CoapMessage pong)
    {
        foreach (var (key, exchange) in _pending)
        {
            if (exchange.Request.Code == CoapCode.Ping && _pending.TryRemove(new KeyValuePair<ulong, PendingExchange>(key, exchange)))
            {
                exchange.TrySetResult(pong);
                return true;
            }
        }

        return false;
    }
}
