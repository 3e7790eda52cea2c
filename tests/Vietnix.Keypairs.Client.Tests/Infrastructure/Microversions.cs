namespace Vietnix.Keypairs.Client.Tests.Infrastructure;

/// <summary>The microversions around every os-keypairs change (2.2, 2.10, 2.35, 2.92), and the server maximum.</summary>
internal static class Microversions
{
    public static TheoryData<string> All => new() { "2.1", "2.2", "2.9", "2.10", "2.34", "2.35", "2.72", "2.91", "2.92", "2.93" };

    public static ComputeApiVersion V(string text) => ComputeApiVersion.Parse(text);

    /// <summary>
    /// The status Nova answers a create with at this version (200 before 2.2, 201 from it), which the
    /// fake Nova sends. The client accepts either at every version, so it needs no such table itself.
    /// </summary>
    public static int CreatedStatus(ComputeApiVersion version) => version >= NovaMicroversions.KeyTypes ? 201 : 200;
}
