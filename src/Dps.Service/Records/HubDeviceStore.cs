using System.Globalization;
using Dps.Service.Payloads;
using Microsoft.Data.Sqlite;

namespace Dps.Service.Records;

/// <summary>Devices registered with the hub gateway, their session state and published links.</summary>
internal sealed class HubDeviceStore
{
    private const string Columns = "device_id, owner, name, registered, logged_in, online, last_seen, links";

    private readonly ServiceDatabase _database;
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates a store over <paramref name="database"/>.</summary>
    public HubDeviceStore(ServiceDatabase database, TimeProvider timeProvider)
    {
        _database = database ?? throw new ArgumentNullException(nameof(database));
        _timeProvider = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
    }

    /// <summary>Sign-up: registers the device for <paramref name="owner"/> (an existing entry changes owner and keeps its links only if the owner is the same).</summary>
    public Task RegisterAsync(string deviceId, string owner, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(deviceId);
        ArgumentException.ThrowIfNullOrEmpty(owner);
        var now = Now();
        return _database.WriteAsync(
            (connection, transaction) =>
            {
                using var command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = """
                    INSERT INTO hub_devices (device_id, owner, registered, online, last_seen) VALUES ($di, $owner, 1, 1, $now)
                    ON CONFLICT(device_id) DO UPDATE SET
                        links = CASE WHEN owner = $owner THEN links ELSE '[]' END,
                        owner = $owner, registered = 1, online = 1, last_seen = $now;
                    """;
                ServiceDatabase.Bind(command, "$di", deviceId);
                ServiceDatabase.Bind(command, "$owner", owner);
                ServiceDatabase.Bind(command, "$now", now);
                return command.ExecuteNonQuery();
            },
            cancellationToken);
    }

    /// <summary>Sign-in (true) or sign-out (false); false when the device is not registered.</summary>
    public Task<bool> SetLoggedInAsync(string deviceId, bool loggedIn, CancellationToken cancellationToken = default) =>
        UpdateAsync(deviceId, "logged_in = $flag, online = CASE WHEN $flag = 1 THEN 1 ELSE online END", loggedIn, cancellationToken);

    /// <summary>Connection up/down; going offline also clears the login.</summary>
    public Task<bool> SetOnlineAsync(string deviceId, bool online, CancellationToken cancellationToken = default) =>
        UpdateAsync(deviceId, "online = $flag, logged_in = CASE WHEN $flag = 1 THEN logged_in ELSE 0 END", online, cancellationToken);

    /// <summary>Marks every device offline and logged out (service start).</summary>
    public Task ResetSessionsAsync(CancellationToken cancellationToken = default) =>
        _database.WriteAsync(
            (connection, transaction) =>
            {
                using var command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = "UPDATE hub_devices SET online = 0, logged_in = 0;";
                return command.ExecuteNonQuery();
            },
            cancellationToken);

    /// <summary>Publish: merges <paramref name="links"/> by href (a republished href replaces the old link); returns the device's links, or null when it is not registered.</summary>
    public Task<IReadOnlyList<ResourceLink>?> PublishAsync(string deviceId, string? name, IReadOnlyList<ResourceLink> links, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(links);
        var now = Now();
        return _database.WriteAsync<IReadOnlyList<ResourceLink>?>(
            (connection, transaction) =>
            {
                var current = ReadLinks(connection, transaction, deviceId);
                if (current is null)
                {
                    return null;
                }

                foreach (var link in links)
                {
                    current.RemoveAll(l => l.Href == link.Href);
                    current.Add(link);
                }

                using var command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = "UPDATE hub_devices SET links = $links, name = COALESCE($name, name), last_seen = $now WHERE device_id = $di;";
                ServiceDatabase.Bind(command, "$links", ServiceDatabase.ToJson(current));
                ServiceDatabase.Bind(command, "$name", name);
                ServiceDatabase.Bind(command, "$now", now);
                ServiceDatabase.Bind(command, "$di", deviceId);
                command.ExecuteNonQuery();
                return current;
            },
            cancellationToken);
    }

    /// <summary>
    /// Unpublish: removes the links with the given <c>ins</c> (all links when empty). Returns false,
    /// changing nothing, when the device is unknown or any <c>ins</c> is not published (gateway → 4.00).
    /// </summary>
    public Task<bool> UnpublishAsync(string deviceId, IReadOnlyList<long> instances, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(instances);
        var now = Now();
        return _database.WriteAsync(
            (connection, transaction) =>
            {
                var current = ReadLinks(connection, transaction, deviceId);
                if (current is null)
                {
                    return false;
                }

                if (instances.Count == 0)
                {
                    current.Clear();
                }
                else
                {
                    foreach (var ins in instances)
                    {
                        if (!current.Exists(l => l.Instance == ins))
                        {
                            return false;
                        }
                    }

                    current.RemoveAll(l => l.Instance is { } ins && instances.Contains(ins));
                }

                using var command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = "UPDATE hub_devices SET links = $links, last_seen = $now WHERE device_id = $di;";
                ServiceDatabase.Bind(command, "$links", ServiceDatabase.ToJson(current));
                ServiceDatabase.Bind(command, "$now", now);
                ServiceDatabase.Bind(command, "$di", deviceId);
                command.ExecuteNonQuery();
                return true;
            },
            cancellationToken);
    }

    /// <summary>Sign-off: forgets the device; false when it was unknown.</summary>
    public Task<bool> DeleteAsync(string deviceId, CancellationToken cancellationToken = default) =>
        _database.WriteAsync(
            (connection, transaction) =>
            {
                using var command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = "DELETE FROM hub_devices WHERE device_id = $di;";
                ServiceDatabase.Bind(command, "$di", deviceId);
                return command.ExecuteNonQuery() > 0;
            },
            cancellationToken);

    /// <summary>Reads one device, or null.</summary>
    public Task<HubDevice?> GetAsync(string deviceId, CancellationToken cancellationToken = default) =>
        _database.ReadAsync(
            connection =>
            {
                using var command = connection.CreateCommand();
                command.CommandText = $"SELECT {Columns} FROM hub_devices WHERE device_id = $di;";
                ServiceDatabase.Bind(command, "$di", deviceId);
                using var reader = command.ExecuteReader();
                return reader.Read() ? ReadDevice(reader) : null;
            },
            cancellationToken);

    /// <summary>Reads all devices ordered by id.</summary>
    public Task<IReadOnlyList<HubDevice>> ListAsync(CancellationToken cancellationToken = default) =>
        _database.ReadAsync<IReadOnlyList<HubDevice>>(
            connection =>
            {
                using var command = connection.CreateCommand();
                command.CommandText = $"SELECT {Columns} FROM hub_devices ORDER BY device_id;";
                using var reader = command.ExecuteReader();
                var devices = new List<HubDevice>();
                while (reader.Read())
                {
                    devices.Add(ReadDevice(reader));
                }

                return devices;
            },
            cancellationToken);

    private Task<bool> UpdateAsync(string deviceId, string assignments, bool flag, CancellationToken cancellationToken)
    {
        var now = Now();
        return _database.WriteAsync(
            (connection, transaction) =>
            {
                using var command = connection.CreateCommand();
                command.Transaction = transaction;
#pragma warning disable CA2100 // assignments are constants of this class
                command.CommandText = $"UPDATE hub_devices SET {assignments}, last_seen = $now WHERE device_id = $di;";
#pragma warning restore CA2100
                ServiceDatabase.Bind(command, "$flag", flag ? 1 : 0);
                ServiceDatabase.Bind(command, "$now", now);
                ServiceDatabase.Bind(command, "$di", deviceId);
                return command.ExecuteNonQuery() > 0;
            },
            cancellationToken);
    }

    private static List<ResourceLink>? ReadLinks(SqliteConnection connection, SqliteTransaction transaction, string deviceId)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT links FROM hub_devices WHERE device_id = $di;";
        ServiceDatabase.Bind(command, "$di", deviceId);
        var json = command.ExecuteScalar() as string;
        return json is null ? null : ServiceDatabase.FromJson<List<ResourceLink>>(json) ?? [];
    }

    private static HubDevice ReadDevice(SqliteDataReader reader) => new()
    {
        DeviceId = reader.GetString(0),
        Owner = reader.GetString(1),
        Name = reader.IsDBNull(2) ? null : reader.GetString(2),
        Registered = reader.GetInt64(3) != 0,
        LoggedIn = reader.GetInt64(4) != 0,
        Online = reader.GetInt64(5) != 0,
        LastSeen = reader.IsDBNull(6) ? null : DateTimeOffset.Parse(reader.GetString(6), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
        Links = ServiceDatabase.FromJson<List<ResourceLink>>(reader.GetString(7)) ?? [],
    };

    private string Now() => _timeProvider.GetUtcNow().UtcDateTime.ToString("O", CultureInfo.InvariantCulture);
}
