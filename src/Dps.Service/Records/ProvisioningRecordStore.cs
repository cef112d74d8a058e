using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Dps.Service.Records;

/// <summary>
/// Provisioning records (PROTOCOL §8.5), one per manufacturer certificate id. Each step writes only
/// its own section, so concurrent steps of one device never overwrite each other.
/// </summary>
internal sealed class ProvisioningRecordStore
{
    private const string Columns = "id, device_id, enrollment_group_id, creation_date, owner, local_endpoints, attestation, plgd_time, ownership, cloud, credential, acl";

    private readonly ServiceDatabase _database;
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates a store over <paramref name="database"/>.</summary>
    public ProvisioningRecordStore(ServiceDatabase database, TimeProvider timeProvider)
    {
        _database = database ?? throw new ArgumentNullException(nameof(database));
        _timeProvider = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
    }

    /// <summary>Creates the record on connection, or refreshes group, owner and attestation of an existing one (creation date kept).</summary>
    public Task UpsertConnectionAsync(string id, Guid enrollmentGroupId, string owner, AttestationRecord attestation, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        var now = Format(_timeProvider.GetUtcNow());
        return _database.WriteAsync(
            (connection, transaction) =>
            {
                using var command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = """
                    INSERT INTO provisioning_records (id, enrollment_group_id, creation_date, owner, attestation)
                    VALUES ($id, $group, $now, $owner, $attestation)
                    ON CONFLICT(id) DO UPDATE SET enrollment_group_id = $group, owner = $owner, attestation = $attestation;
                    """;
                ServiceDatabase.Bind(command, "$id", id);
                ServiceDatabase.Bind(command, "$group", enrollmentGroupId.ToString("D"));
                ServiceDatabase.Bind(command, "$now", now);
                ServiceDatabase.Bind(command, "$owner", owner);
                ServiceDatabase.Bind(command, "$attestation", ServiceDatabase.ToJson(attestation));
                return command.ExecuteNonQuery();
            },
            cancellationToken);
    }

    /// <summary>Stores the device's local endpoints.</summary>
    public Task SetLocalEndpointsAsync(string id, IReadOnlyList<string> endpoints, CancellationToken cancellationToken = default) =>
        UpdateColumnAsync(id, "local_endpoints", ServiceDatabase.ToJson(endpoints ?? throw new ArgumentNullException(nameof(endpoints))), null, cancellationToken);

    /// <summary>Records the time step.</summary>
    public Task RecordTimeAsync(string id, ProvisioningStatus status, CancellationToken cancellationToken = default) =>
        UpdateColumnAsync(id, "plgd_time", ServiceDatabase.ToJson(status), null, cancellationToken);

    /// <summary>Records the ownership step.</summary>
    public Task RecordOwnershipAsync(string id, OwnershipRecord ownership, CancellationToken cancellationToken = default) =>
        UpdateColumnAsync(id, "ownership", ServiceDatabase.ToJson(ownership), null, cancellationToken);

    /// <summary>Records the cloud-configuration step (and the device id when known).</summary>
    public Task RecordCloudAsync(string id, CloudRecord cloud, string? deviceId, CancellationToken cancellationToken = default) =>
        UpdateColumnAsync(id, "cloud", ServiceDatabase.ToJson(cloud), deviceId, cancellationToken);

    /// <summary>Records the credentials step (and the device id when known).</summary>
    public Task RecordCredentialAsync(string id, CredentialRecord credential, string? deviceId, CancellationToken cancellationToken = default) =>
        UpdateColumnAsync(id, "credential", ServiceDatabase.ToJson(credential), deviceId, cancellationToken);

    /// <summary>Records the ACL step.</summary>
    public Task RecordAclAsync(string id, AclRecord acl, CancellationToken cancellationToken = default) =>
        UpdateColumnAsync(id, "acl", ServiceDatabase.ToJson(acl), null, cancellationToken);

    /// <summary>Reads one record, or null.</summary>
    public Task<ProvisioningRecord?> GetAsync(string id, CancellationToken cancellationToken = default) =>
        _database.ReadAsync(
            connection =>
            {
                using var command = connection.CreateCommand();
                command.CommandText = $"SELECT {Columns} FROM provisioning_records WHERE id = $id;";
                ServiceDatabase.Bind(command, "$id", id);
                using var reader = command.ExecuteReader();
                return reader.Read() ? ReadRecord(reader) : null;
            },
            cancellationToken);

    /// <summary>Reads all records, newest first.</summary>
    public Task<IReadOnlyList<ProvisioningRecord>> ListAsync(CancellationToken cancellationToken = default) =>
        _database.ReadAsync<IReadOnlyList<ProvisioningRecord>>(
            connection =>
            {
                using var command = connection.CreateCommand();
                command.CommandText = $"SELECT {Columns} FROM provisioning_records ORDER BY creation_date DESC, id;";
                using var reader = command.ExecuteReader();
                var records = new List<ProvisioningRecord>();
                while (reader.Read())
                {
                    records.Add(ReadRecord(reader));
                }

                return records;
            },
            cancellationToken);

    /// <summary>Deletes a record; false when there was none.</summary>
    public Task<bool> DeleteAsync(string id, CancellationToken cancellationToken = default) =>
        _database.WriteAsync(
            (connection, transaction) =>
            {
                using var command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = "DELETE FROM provisioning_records WHERE id = $id;";
                ServiceDatabase.Bind(command, "$id", id);
                return command.ExecuteNonQuery() > 0;
            },
            cancellationToken);

    private Task<int> UpdateColumnAsync(string id, string column, string? json, string? deviceId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        var now = Format(_timeProvider.GetUtcNow());
        return _database.WriteAsync(
            (connection, transaction) =>
            {
                using var command = connection.CreateCommand();
                command.Transaction = transaction;

                // The column name comes from this class only, never from input.
#pragma warning disable CA2100
                command.CommandText = $"""
                    INSERT INTO provisioning_records (id, creation_date, {column}, device_id) VALUES ($id, $now, $value, $device)
                    ON CONFLICT(id) DO UPDATE SET {column} = $value, device_id = COALESCE($device, device_id);
                    """;
#pragma warning restore CA2100
                ServiceDatabase.Bind(command, "$id", id);
                ServiceDatabase.Bind(command, "$now", now);
                ServiceDatabase.Bind(command, "$value", json);
                ServiceDatabase.Bind(command, "$device", deviceId);
                return command.ExecuteNonQuery();
            },
            cancellationToken);
    }

    private static ProvisioningRecord ReadRecord(SqliteDataReader reader) => new()
    {
        Id = reader.GetString(0),
        DeviceId = reader.IsDBNull(1) ? null : reader.GetString(1),
        EnrollmentGroupId = reader.IsDBNull(2) ? null : reader.GetString(2),
        CreationDate = Parse(reader.GetString(3)),
        Owner = reader.IsDBNull(4) ? null : reader.GetString(4),
        LocalEndpoints = ServiceDatabase.FromJson<List<string>>(Text(reader, 5)) ?? [],
        Attestation = ServiceDatabase.FromJson<AttestationRecord>(Text(reader, 6)),
        PlgdTime = ServiceDatabase.FromJson<ProvisioningStatus>(Text(reader, 7)),
        Ownership = ServiceDatabase.FromJson<OwnershipRecord>(Text(reader, 8)),
        Cloud = ServiceDatabase.FromJson<CloudRecord>(Text(reader, 9)),
        Credential = ServiceDatabase.FromJson<CredentialRecord>(Text(reader, 10)),
        Acl = ServiceDatabase.FromJson<AclRecord>(Text(reader, 11)),
    };

    private static string? Text(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static string Format(DateTimeOffset time) => time.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset Parse(string text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? time : DateTimeOffset.MinValue;
}
