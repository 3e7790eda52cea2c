using System.Text.Json.Nodes;

namespace Vietnix.Keypairs.Emulator.Identity;

/// <summary>
/// The service catalog of the emulated cloud, as Keystone's sql catalog backend renders it
/// (get_v3_catalog): per service <c>endpoints</c>, <c>id</c>, <c>type</c>, <c>name</c>; per endpoint <c>id</c>,
/// <c>interface</c>, <c>region_id</c>, <c>url</c> and the deprecated <c>region</c>. Identity (<c>keystone</c>) has
/// public, internal and admin endpoints in RegionOne; compute (<c>nova</c>) has those in RegionOne plus a
/// public one in RegionTwo. RegionTwo is this same server under the host name <c>localhost</c>, so a test
/// can tell from the Host header which region a client chose. Ids are new on every start.
/// </summary>
internal sealed class ServiceCatalog(ServerAddress address)
{
    public const string RegionOne = "RegionOne";
    public const string RegionTwo = "RegionTwo";

    // Keystone's catalog holds the URLs as registered: identity with a trailing slash, compute without.
    private readonly Service identity = new(KeystoneIds.NewId(), "identity", "keystone", "/v3/",
        [new(KeystoneIds.NewId(), "public", RegionOne), new(KeystoneIds.NewId(), "internal", RegionOne), new(KeystoneIds.NewId(), "admin", RegionOne)]);

    // The internal endpoint carries the project, as Keystone renders "/v2.1/%(project_id)s", so a
    // client that picks it is told apart from one that picks the public endpoint.
    private readonly Service compute = new(KeystoneIds.NewId(), "compute", "nova", "/v2.1",
        [
            new(KeystoneIds.NewId(), "public", RegionOne),
            new(KeystoneIds.NewId(), "internal", RegionOne, WithProjectId: true),
            new(KeystoneIds.NewId(), "admin", RegionOne),
            new(KeystoneIds.NewId(), "public", RegionTwo),
        ]);

    public static IReadOnlyList<string> Regions { get; } = [RegionOne, RegionTwo];

    /// <summary>The catalog of a token scoped to <paramref name="projectId"/>; Keystone leaves out endpoints it cannot fill in.</summary>
    public JsonArray Render(string? projectId)
    {
        var regionOneUrl = address.BaseUrl;
        var regionTwoUrl = new UriBuilder(regionOneUrl) { Host = "localhost" }.Uri.GetLeftPart(UriPartial.Authority);

        return new JsonArray([.. new[] { identity, compute }.Select(service => new JsonObject
        {
            ["endpoints"] = new JsonArray([.. service.Endpoints.Where(endpoint => !endpoint.WithProjectId || projectId is not null).Select(endpoint => new JsonObject
            {
                ["id"] = endpoint.Id,
                ["interface"] = endpoint.Interface,
                ["region_id"] = endpoint.Region,
                ["url"] = (endpoint.Region == RegionOne ? regionOneUrl : regionTwoUrl) + service.Path + (endpoint.WithProjectId ? "/" + projectId : string.Empty),
                ["region"] = endpoint.Region,
            })]),
            ["id"] = service.Id,
            ["type"] = service.Type,
            ["name"] = service.Name,
        })]);
    }

    private sealed record Service(string Id, string Type, string Name, string Path, IReadOnlyList<Endpoint> Endpoints);

    private sealed record Endpoint(string Id, string Interface, string Region, bool WithProjectId = false);
}
