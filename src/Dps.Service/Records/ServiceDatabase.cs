using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Dps.Service.Records;

/// <summary>
/// The SQLite file holding provisioning records and hub devices. WAL mode (readers never wait for
/// the writer); writes go one at a time through an async lock, each a short transaction run off
/// the caller's thread, so a slow disk never stalls a connection's receive loop.
/// </summary>
internal sealed class ServiceDatabase : IAsyncDisposable, IDisposable
{
    /// <summary>JSON options for the record sections (camelCase, like the plgd HTTP API).</summary>
    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private const string Schema = """
        CREATE TABLE IF NOT EXISTS provisioning_records (
            id TEXT PRIMARY KEY,
            device_id TEXT,
            enrollment_group_id TEXT,
            creation_date TEXT NOT NULL,
            owner TEXT,
            local_endpoints TEXT,
            attestation TEXT,
            plgd_time TEXT,
            ownership TEXT,
            cloud TEXT,
            credential TEXT,
            acl TEXT
        );
        CREATE TABLE IF NOT EXISTS hub_devices (
            device_id TEXT PRIMARY KEY,
            owner TEXT NOT NULL,
            name TEXT,
            registered INTEGER NOT NULL DEFAULT 0,
            logged_in INTEGER NOT NULL DEFAULT 0,
            online INTEGER NOT NULL DEFAULT 0,
            last_seen TEXT,
            links TEXT NOT NULL DEFAULT '[]'
        );
        """;

    private readonly string _connectionString;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private bool _disposed;

    private ServiceDatabase(string connectionString, string filePath)
    {
        _connectionString = connectionString;
        FilePath = filePath;
    }

    /// <summary>The database file.</summary>
    public string FilePath { get; }

    /// <summary>Opens (creating if needed) the database at <paramref name="filePath"/> and ensures the schema.</summary>
    public static async Task<ServiceDatabase> OpenAsync(string filePath, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(filePath);
        var full = Path.GetFullPath(filePath);
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = full,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 10,
        };
        var database = new ServiceDatabase(builder.ToString(), full);
        await Task.Run(
            () =>
            {
                using var connection = database.Open();
                using var command = connection.CreateCommand();
                command.CommandText = "PRAGMA journal_mode=WAL;" + Schema;
                command.ExecuteNonQuery();
            },
            cancellationToken).ConfigureAwait(false);
        return database;
    }

    /// <summary>Runs <paramref name="work"/> in a write transaction, one writer at a time.</summary>
    public async Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, T> work, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await Task.Run(
                () =>
                {
                    using var connection = Open();
                    using var transaction = connection.BeginTransaction(deferred: false);
                    var result = work(connection, transaction);
                    transaction.Commit();
                    return result;
                },
                cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>Runs <paramref name="work"/> on a read connection (concurrent with the writer).</summary>
    public Task<T> ReadAsync<T>(Func<SqliteConnection, T> work, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return Task.Run(
            () =>
            {
                using var connection = Open();
                return work(connection);
            },
            cancellationToken);
    }

    /// <summary>Serialises a record section to JSON.</summary>
    public static string? ToJson<T>(T? value)
        where T : class => value is null ? null : JsonSerializer.Serialize(value, JsonOptions);

    /// <summary>Reads a record section from JSON; null or corrupt text gives null.</summary>
    public static T? FromJson<T>(string? json)
        where T : class
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<T>(json, JsonOptions);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Adds a parameter (null → DBNull).</summary>
    public static void Bind(SqliteCommand command, string name, object? value) =>
        command.Parameters.AddWithValue(name, value ?? DBNull.Value);

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        using (var connection = new SqliteConnection(_connectionString))
        {
            SqliteConnection.ClearPool(connection);
        }

        _writeLock.Dispose();
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA synchronous=NORMAL;";
        command.ExecuteNonQuery();
        return connection;
    }
}
