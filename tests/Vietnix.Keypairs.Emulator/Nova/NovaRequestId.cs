namespace Vietnix.Keypairs.Emulator.Nova;

/// <summary>
/// Nova's compute_req_id middleware (oslo request_id plus the compute alias): one <c>req-&lt;uuid4&gt;</c>
/// in both headers. It sits before authtoken in the paste pipeline, so 401s carry it too; only the
/// root version list (<c>GET /</c>, a pipeline without it) has none.
/// </summary>
internal static class NovaRequestId
{
    public static void Stamp(HttpResponse response)
    {
        var id = "req-" + Guid.NewGuid().ToString("D");
        response.Headers["x-openstack-request-id"] = id;
        response.Headers["x-compute-request-id"] = id;
    }
}
