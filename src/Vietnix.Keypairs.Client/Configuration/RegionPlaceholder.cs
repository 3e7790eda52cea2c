namespace Vietnix.Keypairs.Client.Configuration;

/// <summary>
/// openstacksdk formats auth_url with the cloud's settings, so one clouds.yaml entry can serve
/// per-region Keystones: auth_url: https://{region_name}.identity.example/v3.
/// </summary>
internal static class RegionPlaceholder
{
    private const string Placeholder = "{region_name}";

    public static bool IsIn(string url) => url.IndexOf(Placeholder, System.StringComparison.Ordinal) >= 0;

    // With no region known yet the placeholder stays, so a broken URL shows what is missing.
    public static string Expand(string url, string? regionName) =>
        regionName is null ? url : url.Replace(Placeholder, regionName);
}
