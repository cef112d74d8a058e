using System.Text;
using System.Threading.Channels;
using Dps.Coap.Observe;
using Dps.Testing;

namespace Dps.Coap.Tests.Connection;

public sealed partial class CoapConnectionTests
{
    private static CoapMessage Text(CoapCode code, string text) =>
        new CoapMessageBuilder(code).SetPayload(Encoding.UTF8.GetBytes(text)).Build();

    private static async Task<List<string>> ReadTexts(ChannelReader<CoapMessage> reader, int count, CancellationToken cancellationToken)
    {
        var texts = new List<string>();
        for (int i = 0; i < count; i++)
        {
            var message = await reader.ReadAsync(cancellationToken);
            texts.Add(Encoding.UTF8.GetString(message.Payload.Span));
        }

        return texts;
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task ObserveAsync_ServerNotifies_ClientGetsFirstResponseAndNotificationsInOrder(CancellationToken cancellationToken)
    {
        var accepted = new TaskCompletionSource<ICoapObserver>(TaskCreationOptions.RunContinuationsAsynchronously);
        var handler = new DelegateCoapHandler(context =>
        {
            accepted.SetResult(context.AcceptObserve());
            return CoapMessage.ResponseTo(context.Request, CoapCode.Content).SetPayload("v0"u8.ToArray()).Build();
        });
        await using var pair = await ConnectionPair.StartAsync(serverHandler: handler, cancellationToken: cancellationToken);

        await using var observation = await pair.Client.ObserveAsync(Get("/light/1"), cancellationToken: cancellationToken);
        var observer = await accepted.Task.WaitAsync(cancellationToken);
        for (int i = 1; i <= 5; i++)
        {
            await observer.NotifyAsync(Text(CoapCode.Content, "v" + i), cancellationToken);
        }

        var texts = await ReadTexts(observation.Notifications, 6, cancellationToken);
        Assert.Multiple(() =>
        {
            Assert.That(texts, Is.EqualTo(new[] { "v0", "v1", "v2", "v3", "v4", "v5" }));
            Assert.That(observation.IsRegistered, Is.True);
            Assert.That(observation.Response.Observe, Is.Not.Null);
            Assert.That(observer.IsActive, Is.True);
            Assert.That(pair.Errors, Is.Empty);
        });
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task ObserveAsync_ServerDoesNotAccept_ObservationEndsAfterFirstResponse(CancellationToken cancellationToken)
    {
        await using var pair = await ConnectionPair.StartAsync(serverHandler: DelegateCoapHandler.Echo(), cancellationToken: cancellationToken);

        await using var observation = await pair.Client.ObserveAsync(Get("/plain"), cancellationToken: cancellationToken);
        var all = new List<CoapMessage>();
        await foreach (var message in observation.ReadAllAsync(cancellationToken))
        {
            all.Add(message);
        }

        Assert.Multiple(() =>
        {
            Assert.That(all, Has.Count.EqualTo(1));
            Assert.That(all[0].Observe, Is.Null);
            Assert.That(observation.IsRegistered, Is.False);
        });
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task ObserveAsync_ReorderedNotification_IsDropped(CancellationToken cancellationToken)
    {
        var (connection, peer, _, _) = StartWithRawPeer();
        using var _ = connection;
        await using var __ = peer;

        var observing = connection.ObserveAsync(Get("/oic/d"), cancellationToken: cancellationToken);
        var registration = await peer.ReadUntilAsync(CoapCode.Get, cancellationToken);
        await peer.SendAsync(Notification(registration, 10, "a"), cancellationToken);
        await using var observation = await observing;
        await peer.SendAsync(Notification(registration, 12, "b"), cancellationToken);
        await peer.SendAsync(Notification(registration, 11, "stale"), cancellationToken);
        await peer.SendAsync(Notification(registration, 13, "c"), cancellationToken);
        await peer.SendAsync(CoapMessage.ResponseTo(registration, CoapCode.NotFound).SetPayload("gone"u8.ToArray()).Build(), cancellationToken);

        var all = new List<string>();
        await foreach (var message in observation.ReadAllAsync(cancellationToken))
        {
            all.Add(Encoding.UTF8.GetString(message.Payload.Span));
        }

        Assert.Multiple(() =>
        {
            Assert.That(registration.Observe, Is.EqualTo(0));
            Assert.That(all, Is.EqualTo(new[] { "a", "b", "c", "gone" }));
            Assert.That(observation.IsRegistered, Is.False);
        });

        static CoapMessage Notification(CoapMessage registration, uint sequence, string text) =>
            CoapMessage.ResponseTo(registration, CoapCode.Content).SetObserve(sequence).SetPayload(Encoding.UTF8.GetBytes(text)).Build();
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task ObserveAsync_SequenceWrapsAround_IsFresh(CancellationToken cancellationToken)
    {
        var (connection, peer, _, _) = StartWithRawPeer();
        using var _ = connection;
        await using var __ = peer;

        var observing = connection.ObserveAsync(Get("/oic/d"), cancellationToken: cancellationToken);
        var registration = await peer.ReadUntilAsync(CoapCode.Get, cancellationToken);
        await peer.SendAsync(CoapMessage.ResponseTo(registration, CoapCode.Content).SetObserve(0xFFFFFE).Build(), cancellationToken);
        await using var observation = await observing;
        await peer.SendAsync(CoapMessage.ResponseTo(registration, CoapCode.Content).SetObserve(1).SetPayload("wrapped"u8.ToArray()).Build(), cancellationToken);

        await observation.Notifications.ReadAsync(cancellationToken);
        var wrapped = await observation.Notifications.ReadAsync(cancellationToken);

        Assert.That(Encoding.UTF8.GetString(wrapped.Payload.Span), Is.EqualTo("wrapped"));
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task CancelAsync_SendsDeregistration_ServerObserverEnds(CancellationToken cancellationToken)
    {
        var accepted = new TaskCompletionSource<ICoapObserver>(TaskCreationOptions.RunContinuationsAsynchronously);
        var handler = new DelegateCoapHandler(context =>
        {
            if (context.IsObserveRegistration)
            {
                accepted.SetResult(context.AcceptObserve());
            }

            return CoapMessage.ResponseTo(context.Request, CoapCode.Content).Build();
        });
        await using var pair = await ConnectionPair.StartAsync(serverHandler: handler, cancellationToken: cancellationToken);
        var observation = await pair.Client.ObserveAsync(Get("/switches"), cancellationToken: cancellationToken);
        var observer = await accepted.Task.WaitAsync(cancellationToken);

        await observation.CancelAsync(cancellationToken);
        var ended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var registration = observer.Ended.Register(() => ended.TrySetResult());
        await ended.Task.WaitAsync(cancellationToken);
        var remaining = new List<CoapMessage>();
        await foreach (var message in observation.ReadAllAsync(cancellationToken))
        {
            remaining.Add(message);
        }

        Assert.Multiple(() =>
        {
            Assert.That(observer.IsActive, Is.False);
            Assert.That(observation.IsRegistered, Is.False);
            Assert.That(remaining, Has.Count.EqualTo(1)); // the first response, then the channel completed
            Assert.That(async () => await observer.NotifyAsync(Text(CoapCode.Content, "late")), Throws.InvalidOperationException);
        });
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task Observe_ConnectionCloses_ClientChannelFailsAndServerObserverEnds(CancellationToken cancellationToken)
    {
        var accepted = new TaskCompletionSource<ICoapObserver>(TaskCreationOptions.RunContinuationsAsynchronously);
        var handler = new DelegateCoapHandler(context =>
        {
            accepted.SetResult(context.AcceptObserve());
            return CoapMessage.ResponseTo(context.Request, CoapCode.Content).Build();
        });
        var pair = await ConnectionPair.StartAsync(serverHandler: handler, cancellationToken: cancellationToken);
        var observation = await pair.Client.ObserveAsync(Get("/oic/p"), cancellationToken: cancellationToken);
        var observer = await accepted.Task.WaitAsync(cancellationToken);
        await observation.Notifications.ReadAsync(cancellationToken);

        await pair.Server.CloseAsync(cancellationToken);
        await pair.Client.Completion.WaitAsync(cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(async () => await observation.Notifications.Completion, Throws.TypeOf<CoapConnectionException>());
            Assert.That(observer.IsActive, Is.False);
            Assert.That(observer.Ended.IsCancellationRequested, Is.True);
        });
        await pair.DisposeAsync();
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task AcceptObserve_OnPlainRequest_Throws(CancellationToken cancellationToken)
    {
        Exception? caught = null;
        var handler = new DelegateCoapHandler(context =>
        {
            caught = Assert.Catch(() => context.AcceptObserve());
            return CoapMessage.ResponseTo(context.Request, CoapCode.Content).Build();
        });
        await using var pair = await ConnectionPair.StartAsync(serverHandler: handler, cancellationToken: cancellationToken);

        await pair.Client.SendAsync(Get("/a"), cancellationToken: cancellationToken);

        Assert.That(caught, Is.InstanceOf<InvalidOperationException>());
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task NotifyAsync_ErrorCode_EndsRegistrationWithoutObserveOption(CancellationToken cancellationToken)
    {
        var accepted = new TaskCompletionSource<ICoapObserver>(TaskCreationOptions.RunContinuationsAsynchronously);
        var handler = new DelegateCoapHandler(context =>
        {
            accepted.SetResult(context.AcceptObserve());
            return CoapMessage.ResponseTo(context.Request, CoapCode.Content).Build();
        });
        await using var pair = await ConnectionPair.StartAsync(serverHandler: handler, cancellationToken: cancellationToken);
        await using var observation = await pair.Client.ObserveAsync(Get("/x"), cancellationToken: cancellationToken);
        var observer = await accepted.Task.WaitAsync(cancellationToken);

        await observer.NotifyAsync(Text(CoapCode.NotFound, "deleted"), cancellationToken);
        var all = new List<CoapMessage>();
        await foreach (var message in observation.ReadAllAsync(cancellationToken))
        {
            all.Add(message);
        }

        Assert.Multiple(() =>
        {
            Assert.That(all.Select(m => m.Code), Is.EqualTo(new[] { CoapCode.Content, CoapCode.NotFound }));
            Assert.That(all[1].Observe, Is.Null);
            Assert.That(observer.IsActive, Is.False);
        });
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task ObserveAsync_LargeRepresentations_FirstResponseAndNotificationsAreJoinedFromBlock2(CancellationToken cancellationToken)
    {
        byte[] first = RandomBody(3000);
        byte[] second = RandomBody(4000);
        var accepted = new TaskCompletionSource<ICoapObserver>(TaskCreationOptions.RunContinuationsAsynchronously);
        byte[] current = first;
        var handler = new DelegateCoapHandler(context =>
        {
            if (context.IsObserveRegistration)
            {
                accepted.TrySetResult(context.AcceptObserve());
            }

            return CoapMessage.ResponseTo(context.Request, CoapCode.Content).SetPayload(Volatile.Read(ref current)).Build();
        });
        await using var pair = await ConnectionPair.StartAsync(
            serverHandler: handler, clientOptions: new CoapConnectionOptions { MaxMessageSize = 1152 }, cancellationToken: cancellationToken);

        await using var observation = await pair.Client.ObserveAsync(Get("/big"), cancellationToken: cancellationToken);
        var observer = await accepted.Task.WaitAsync(cancellationToken);
        Volatile.Write(ref current, second);
        await observer.NotifyAsync(CoapMessage.Create(CoapCode.Content, payload: second), cancellationToken);
        await observer.NotifyAsync(Text(CoapCode.Content, "small"), cancellationToken);
        var one = await observation.Notifications.ReadAsync(cancellationToken);
        var two = await observation.Notifications.ReadAsync(cancellationToken);
        var three = await observation.Notifications.ReadAsync(cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(observation.Response.Payload.ToArray(), Is.EqualTo(first));
            Assert.That(one.Payload.ToArray(), Is.EqualTo(first));
            Assert.That(two.Payload.ToArray(), Is.EqualTo(second));
            Assert.That(two.Block2, Is.Null);
            Assert.That(Encoding.UTF8.GetString(three.Payload.Span), Is.EqualTo("small"));
            Assert.That(observation.IsRegistered, Is.True);
            Assert.That(pair.Errors, Is.Empty);
        });
    }
}
