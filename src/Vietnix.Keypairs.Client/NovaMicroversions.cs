namespace Vietnix.Keypairs.Client;

/// <summary>
/// The microversions at which Nova changed os-keypairs (nova rest_api_version_history.rst).
/// Everything version-dependent in the client asks these, so each fact lives in one place.
/// </summary>
internal static class NovaMicroversions
{
    /// <summary>2.2: key type (ssh|x509); create answers 201 instead of 200 and delete 204 instead of 202.</summary>
    public static ComputeApiVersion KeyTypes { get; } = new(2, 2);

    /// <summary>2.10: an admin may act for another user with user_id.</summary>
    public static ComputeApiVersion UserIds { get; } = new(2, 10);

    /// <summary>2.35: limit/marker paging of the list.</summary>
    public static ComputeApiVersion Paging { get; } = new(2, 35);

    /// <summary>2.92: public_key is required (no server-side generation) and names may contain '@' and '.'.</summary>
    public static ComputeApiVersion ImportOnly { get; } = new(2, 92);

    public static bool SupportsKeyType(ComputeApiVersion version) => version >= KeyTypes;

    public static bool SupportsUserId(ComputeApiVersion version) => version >= UserIds;

    public static bool SupportsPaging(ComputeApiVersion version) => version >= Paging;

    public static bool SupportsServerGeneration(ComputeApiVersion version) => version < ImportOnly;

    public static bool AllowsAtAndDotInNames(ComputeApiVersion version) => version >= ImportOnly;
}
