using Dps.Service.Payloads;
using Dps.Service.Records;
using Microsoft.Extensions.Time.Testing;

namespace Dps.Service.Tests.Records;

[CancelAfter(10_000)]
public class ProvisioningRecordStoreTests
{
    private static readonly DateTimeOffset s_start = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
    private string _dir = null!;
    private ServiceDatabase _database = null!;
    private FakeTimeProvider _time = null!;
    private ProvisioningRecordStore _store = null!;

    [SetUp]
    public async Task SetUp()
    {
        _dir = Directory.CreateTempSubdirectory("dps-service-db-").FullName;
        _database = await ServiceDatabase.OpenAsync(Path.Combine(_dir, "records.db"));
        _time = new FakeTimeProvider(s_start);
        _store = new ProvisioningRecordStore(_database, _time);
    }

    [TearDown]
    public void TearDown()
    {
        _database.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    [Test]
    public async Task UpsertConnectionAsync_NewId_CreatesRecord(CancellationToken cancellationToken)
    {
        var group = Guid.NewGuid();
        var attestation = new AttestationRecord(s_start, "-----BEGIN CERTIFICATE-----\n…", "uuid:00000000-0000-0000-0000-000000000001");

        await _store.UpsertConnectionAsync("mfg-1", group, "1", attestation, cancellationToken);
        var record = await _store.GetAsync("mfg-1", cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(record, Is.Not.Null);
            Assert.That(record!.EnrollmentGroupId, Is.EqualTo(group.ToString("D")));
            Assert.That(record.Owner, Is.EqualTo("1"));
            Assert.That(record.CreationDate, Is.EqualTo(s_start));
            Assert.That(record.Attestation, Is.EqualTo(attestation));
            Assert.That(record.DeviceId, Is.Null);
            Assert.That(record.LocalEndpoints, Is.Empty);
            Assert.That(record.PlgdTime, Is.Null);
        });
    }

    [Test]
    public async Task UpsertConnectionAsync_Again_KeepsCreationDateAndSteps(CancellationToken cancellationToken)
    {
        var attestation = new AttestationRecord(s_start, "pem", "cn");
        await _store.UpsertConnectionAsync("mfg-1", Guid.NewGuid(), "1", attestation, cancellationToken);
        await _store.RecordTimeAsync("mfg-1", new ProvisioningStatus(s_start, 69, null), cancellationToken);
        _time.Advance(TimeSpan.FromHours(1));

        await _store.UpsertConnectionAsync("mfg-1", Guid.NewGuid(), "2", attestation with { Date = _time.GetUtcNow() }, cancellationToken);
        var record = await _store.GetAsync("mfg-1", cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(record!.CreationDate, Is.EqualTo(s_start));
            Assert.That(record.Owner, Is.EqualTo("2"));
            Assert.That(record.Attestation!.Date, Is.EqualTo(s_start.AddHours(1)));
            Assert.That(record.PlgdTime, Is.EqualTo(new ProvisioningStatus(s_start, 69, null)));
        });
    }

    [Test]
    public async Task RecordSteps_AllSections_RoundTrip(CancellationToken cancellationToken)
    {
        const string DeviceId = "1640915f-d3f0-44ce-54bb-5bff4d0ed8a7";
        var ok = new ProvisioningStatus(s_start, 68, null);
        var cloud = new CloudRecord(ok, "plgd", [new GatewayReference("coaps+tcp://127.0.0.1:20040", "5a4f7c1e-3b2d-4e6f-9a8b-1c2d3e4f5a6b")], 0);
        var credential = new CredentialRecord(ok, "LEAF", new PreSharedKeyRecord("b80c8fef-a677-5340-85fb-2c162d75df03", "0123456789abcdef"), "ROOT");
        var acl = new AclRecord(new ProvisioningStatus(s_start, 69, null), ["b80c8fef-a677-5340-85fb-2c162d75df03", "anon-clear"]);

        await _store.RecordTimeAsync("mfg-2", new ProvisioningStatus(s_start, 163, "injected 5.03"), cancellationToken);
        await _store.RecordOwnershipAsync("mfg-2", new OwnershipRecord(new ProvisioningStatus(s_start, 69, null), "b80c8fef-a677-5340-85fb-2c162d75df03"), cancellationToken);
        await _store.RecordCloudAsync("mfg-2", cloud, DeviceId, cancellationToken);
        await _store.RecordCredentialAsync("mfg-2", credential, null, cancellationToken);
        await _store.RecordAclAsync("mfg-2", acl, cancellationToken);
        await _store.SetLocalEndpointsAsync("mfg-2", ["coaps+tcp://192.0.2.1:5684"], cancellationToken);
        var record = await _store.GetAsync("mfg-2", cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(record!.DeviceId, Is.EqualTo(DeviceId));
            Assert.That(record.PlgdTime!.ErrorMessage, Is.EqualTo("injected 5.03"));
            Assert.That(record.Ownership!.Owner, Is.EqualTo("b80c8fef-a677-5340-85fb-2c162d75df03"));
            Assert.That(record.Cloud!.Gateways, Is.EqualTo(cloud.Gateways));
            Assert.That(record.Cloud.SelectedGateway, Is.Zero);
            Assert.That(record.Credential, Is.EqualTo(credential));
            Assert.That(record.Acl!.Subjects, Is.EqualTo(acl.Subjects));
            Assert.That(record.LocalEndpoints, Is.EqualTo(new[] { "coaps+tcp://192.0.2.1:5684" }));
        });
    }

    [Test]
    public async Task ConcurrentSteps_ManyDevices_AllWritten(CancellationToken cancellationToken)
    {
        var writes = Enumerable.Range(0, 40).SelectMany(i => new[]
        {
            _store.RecordTimeAsync($"mfg-{i}", new ProvisioningStatus(s_start, 69, null), cancellationToken),
            _store.RecordAclAsync($"mfg-{i}", new AclRecord(new ProvisioningStatus(s_start, 69, null), ["x"]), cancellationToken),
        });

        await Task.WhenAll(writes);
        var records = await _store.ListAsync(cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(records, Has.Count.EqualTo(40));
            Assert.That(records.All(r => r.PlgdTime is not null && r.Acl is not null), Is.True);
        });
    }

    [Test]
    public async Task ReopenedDatabase_KeepsRecords(CancellationToken cancellationToken)
    {
        await _store.RecordTimeAsync("mfg-1", new ProvisioningStatus(s_start, 69, null), cancellationToken);
        _database.Dispose();

        _database = await ServiceDatabase.OpenAsync(Path.Combine(_dir, "records.db"), cancellationToken);
        var record = await new ProvisioningRecordStore(_database, _time).GetAsync("mfg-1", cancellationToken);

        Assert.That(record?.PlgdTime?.CoapCode, Is.EqualTo(69));
    }

    [Test]
    public async Task OpenAsync_UsesWalMode(CancellationToken cancellationToken)
    {
        var mode = await _database.ReadAsync(
            connection =>
            {
                using var command = connection.CreateCommand();
                command.CommandText = "PRAGMA journal_mode;";
                return (string)command.ExecuteScalar()!;
            },
            cancellationToken);

        Assert.That(mode, Is.EqualTo("wal"));
    }

    [Test]
    public async Task DeleteAsync_Existing_RemovesIt(CancellationToken cancellationToken)
    {
        await _store.RecordTimeAsync("mfg-1", new ProvisioningStatus(s_start, 69, null), cancellationToken);

        var deleted = await _store.DeleteAsync("mfg-1", cancellationToken);
        var again = await _store.DeleteAsync("mfg-1", cancellationToken);
        var record = await _store.GetAsync("mfg-1", cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(deleted, Is.True);
            Assert.That(again, Is.False);
            Assert.That(record, Is.Null);
        });
    }
}
