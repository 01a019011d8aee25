using System.Net;
using System.Net.Sockets;

namespace Capture.Native.Filtering;

/// <summary>
/// The filter-only network fields, compared as libsinsp 0.29.3 compares them. fd.ip, fd.port
/// (fd.proto) and fd.net test both ends of a connection: '=' and 'in' hold when either end
/// matches, '!=' when neither does; a listening socket has one end. fd.cnet, fd.snet, fd.lnet
/// and fd.rnet test one end. A network is an IPv4 address with a prefix length
/// (10.0.0.0/8) or an IPv6 address, which stands for its /64 (libsinsp compares the first 64
/// bits); an end of the other family never lies in it. Values are parsed with the filter.
/// </summary>
sealed class NetworkComparisonNode : FilterNode
{
    readonly FieldId _field;
    readonly FilterOperator _op;
    readonly long[] _ports;
    readonly Network[] _networks;

    /// <summary>An address and how many of its leading bits a match must share (32 or 128 for an exact address).</summary>
    readonly record struct Network(byte[] Address, int PrefixBits);

    public static bool Handles(FilterField field) => field.FilterOnly;

    public NetworkComparisonNode(FilterField field, FilterOperator op, IReadOnlyList<FilterToken> values)
    {
        _field = field.Id;
        _op = op;
        var isPort = field.Id is FieldId.FdPort or FieldId.FdProto;
        var allowed = op is FilterOperator.Equal or FilterOperator.NotEqual || op.IsMembership() || (isPort && op.IsOrdering());
        if (!allowed)
            throw new FilterException($"{field.Name} takes '=', '!='{(isPort ? ", '<', '<=', '>', '>='" : "")}, 'in' or 'intersects', not '{op.Text()}'", values.Count > 0 ? values[0].Start + 1 : 1);
        _ports = isPort ? [.. values.Select(v => Port(field, v))] : [];
        _networks = isPort ? [] : [.. values.Select(v => Parse(field, v))];
    }

    public override bool Matches(ref EventFields fields)
    {
        if (_field is FieldId.FdClientNet or FieldId.FdServerNet or FieldId.FdLocalNet or FieldId.FdRemoteNet)
            return fields.TryNetworkEnd(_field, out var address) && (_op == FilterOperator.NotEqual ? !InAny(address) : InAny(address));
        if (fields.EventSocketEnds() is not { } ends) return false;
        // A listening socket's one end stands for both, as libsinsp compares it.
        var listening = !ends.IsConnection;
        if (_ports.Length > 0)
        {
            var client = listening ? ends.ServerPort : ends.ClientPort;
            return _op == FilterOperator.NotEqual
                ? client != _ports[0] && ends.ServerPort != _ports[0]
                : PortMatches(client) || PortMatches(ends.ServerPort);
        }
        var clientAddress = listening ? ends.Server : ends.Client;
        return _op == FilterOperator.NotEqual
            ? !InAny(clientAddress) && !InAny(ends.Server)
            : InAny(clientAddress) || InAny(ends.Server);
    }

    bool PortMatches(long port) => _op switch
    {
        FilterOperator.Equal => port == _ports[0],
        FilterOperator.Less => port < _ports[0],
        FilterOperator.LessOrEqual => port <= _ports[0],
        FilterOperator.Greater => port > _ports[0],
        FilterOperator.GreaterOrEqual => port >= _ports[0],
        _ => Array.IndexOf(_ports, port) >= 0,
    };

    bool InAny(ReadOnlySpan<byte> address)
    {
        // '!=' is given one value; '=' and 'in' hold for any of theirs.
        foreach (var network in _networks)
            if (In(address, network)) return true;
        return false;
    }

    static bool In(ReadOnlySpan<byte> address, Network network)
    {
        if (address.Length != network.Address.Length) return false;
        var whole = network.PrefixBits / 8;
        if (!address[..whole].SequenceEqual(network.Address.AsSpan(0, whole))) return false;
        var rest = network.PrefixBits % 8;
        if (rest == 0) return true;
        var mask = (byte)(0xff << (8 - rest));
        return (address[whole] & mask) == (network.Address[whole] & mask);
    }

    /// <summary>
    /// fd.ip: an address. The net fields: IPv4 with a prefix length, or an IPv6 address
    /// (libsinsp reads which by whether the value has a '.').
    /// </summary>
    static Network Parse(FilterField field, FilterToken value)
    {
        var text = value.Text;
        var isNet = field.Id != FieldId.FdIp;
        var ipv4 = text.Contains('.');
        var slash = text.IndexOf('/');
        if (isNet && ipv4 && slash < 0)
            throw new FilterException($"{field.Name} wants an IPv4 network with its prefix length (10.0.0.0/8), not '{text}'", value.Start + 1);
        var addressText = isNet && ipv4 ? text[..slash] : text;
        if (!IPAddress.TryParse(addressText, out var address)
            || address.AddressFamily != (ipv4 ? AddressFamily.InterNetwork : AddressFamily.InterNetworkV6) || addressText.Contains('%'))
            throw new FilterException($"{field.Name} wants an IP{(isNet ? " network" : " address")}, not '{text}'", value.Start + 1);
        var bytes = address.GetAddressBytes();
        if (!isNet) return new Network(bytes, bytes.Length * 8);
        if (!ipv4) return new Network(bytes, 64);
        if (!int.TryParse(text[(slash + 1)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var bits) || bits > 32)
            throw new FilterException($"{field.Name} wants a prefix length from 0 to 32 after '/', not '{text[(slash + 1)..]}'", value.Start + 1);
        return new Network(bytes, bits);
    }

    static long Port(FilterField field, FilterToken value) =>
        ushort.TryParse(value.Text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var port)
            ? port
            : throw new FilterException($"{field.Name} is a port from 0 to 65535, not '{value.Text}'", value.Start + 1);
}
