using System.Collections;

namespace Dps.Client;

/// <summary>
/// The ordered list of DPS endpoint addresses with one selected (PROTOCOL.md §3.6, §4.1): the first
/// added becomes selected; removing the selected one selects the next (wrapping to the first).
/// URIs are compared ordinally. Not thread-safe: owned by the context's executor.
/// </summary>
public sealed class DpsEndpointList : IReadOnlyList<DpsEndpoint>
{
    private readonly List<DpsEndpoint> _items = [];
    private int _selected = -1;

    /// <summary>The number of addresses.</summary>
    public int Count => _items.Count;

    /// <summary>The address at <paramref name="index"/>.</summary>
    public DpsEndpoint this[int index] => _items[index];

    /// <summary>The selected address, or <see langword="null"/> when the list is empty.</summary>
    public DpsEndpoint? Selected => _selected >= 0 ? _items[_selected] : null;

    /// <summary>No endpoint is selected (the list is empty).</summary>
    public bool IsEmpty => _selected < 0;

    /// <summary>Appends an address; the first one added becomes selected.</summary>
    /// <returns><see langword="false"/> when the URI is already in the list (nothing changes).</returns>
    /// <exception cref="ArgumentException">The URI is empty or too long.</exception>
    public bool Add(string uri, string name = "")
    {
        var endpoint = new DpsEndpoint(uri, name);
        if (IndexOf(uri) >= 0)
        {
            return false;
        }
        _items.Add(endpoint);
        if (_selected < 0)
        {
            _selected = 0;
        }
        return true;
    }

    /// <summary>Removes an address; when it was selected the next one (wrapping) becomes selected.</summary>
    /// <returns><see langword="false"/> when the URI is not in the list.</returns>
    public bool Remove(string uri)
    {
        var index = IndexOf(uri);
        if (index < 0)
        {
            return false;
        }
        _items.RemoveAt(index);
        if (_items.Count == 0)
        {
            _selected = -1;
        }
        else if (index < _selected)
        {
            _selected--;
        }
        else if (index == _selected && _selected >= _items.Count)
        {
            _selected = 0;
        }
        return true;
    }

    /// <summary>Selects an address of the list.</summary>
    /// <returns><see langword="false"/> when the URI is not in the list.</returns>
    public bool Select(string uri)
    {
        var index = IndexOf(uri);
        if (index < 0)
        {
            return false;
        }
        _selected = index;
        return true;
    }

    /// <summary>Selects the next address, wrapping to the first (failover).</summary>
    /// <returns><see langword="true"/> when the selection changed (more than one address).</returns>
    public bool SelectNext()
    {
        if (_items.Count < 2)
        {
            return false;
        }
        _selected = (_selected + 1) % _items.Count;
        return true;
    }

    /// <summary>True when <paramref name="uri"/> is the selected address.</summary>
    public bool IsSelected(string? uri) => Selected is { } selected && string.Equals(selected.Uri, uri, StringComparison.Ordinal);

    /// <summary>True when <paramref name="uri"/> is in the list.</summary>
    public bool Contains(string uri) => IndexOf(uri) >= 0;

    /// <summary>Renames an address.</summary>
    /// <returns><see langword="false"/> when the URI is not in the list.</returns>
    public bool SetName(string uri, string name)
    {
        var index = IndexOf(uri);
        if (index < 0)
        {
            return false;
        }
        _items[index] = new DpsEndpoint(uri, name);
        return true;
    }

    /// <summary>Removes every address.</summary>
    public void Clear()
    {
        _items.Clear();
        _selected = -1;
    }

    /// <summary>
    /// Replaces the whole list with a single address (plgd's deprecated <c>plgd_dps_set_endpoint</c>);
    /// an empty URI clears the list.
    /// </summary>
    /// <returns><see langword="true"/> when the list changed.</returns>
    public bool SetEndpoint(string uri, string name = "")
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (uri.Length == 0)
        {
            var had = _items.Count > 0;
            Clear();
            return had;
        }
        var endpoint = new DpsEndpoint(uri, name);
        if (_items.Count == 1 && _items[0] == endpoint)
        {
            return false;
        }
        Clear();
        _items.Add(endpoint);
        _selected = 0;
        return true;
    }

    /// <summary>
    /// Applies a <c>redirecturi</c> from a DPS response (PROTOCOL.md §3.6): the redirect URI is added
    /// (inheriting the selected endpoint's name) unless present, the previously selected endpoint is
    /// removed and the redirect URI selected.
    /// </summary>
    public DpsRedirectResult ApplyRedirect(string? redirectUri)
    {
        if (string.IsNullOrEmpty(redirectUri))
        {
            return DpsRedirectResult.Empty;
        }
        if (IsSelected(redirectUri))
        {
            return DpsRedirectResult.AlreadySelected;
        }
        var previous = Selected;
        Add(redirectUri, previous?.Name ?? string.Empty);
        if (previous is not null)
        {
            Remove(previous.Uri);
        }
        Select(redirectUri);
        return DpsRedirectResult.Redirected;
    }

    /// <inheritdoc/>
    public IEnumerator<DpsEndpoint> GetEnumerator() => _items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private int IndexOf(string? uri)
    {
        for (var i = 0; i < _items.Count; i++)
        {
            if (string.Equals(_items[i].Uri, uri, StringComparison.Ordinal))
            {
                return i;
            }
        }
        return -1;
    }
}
