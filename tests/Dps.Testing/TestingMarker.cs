namespace Dps.Testing;

/// <summary>Shared fakes for the test projects.</summary>
public static class TestingMarker
{
}
