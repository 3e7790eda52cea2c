using System.Text.RegularExpressions;

namespace Vietnix.Keypairs.Emulator.Nova;

/// <summary>The four key pair actions of Nova's router (compute/routes.py).</summary>
internal enum KeyPairAction
{
    Index,
    Create,
    Show,
    Delete,
}

/// <summary>
/// A matched key pair route. Nova's ProjectMapper connects every path with and without a leading
/// <c>{project_id:[0-9a-f-]+}</c> segment; the member segment is the key pair name, already
/// percent-decoded (uwsgi decodes PATH_INFO).
/// </summary>
internal sealed partial record NovaRoute(KeyPairAction Action, string? ProjectId, string? Name)
{
    private const string Collection = "os-keypairs";

    /// <summary>The route for <paramref name="path"/> (the part after <c>/v2.1</c>), or null when there is none.</summary>
    public static NovaRoute? Match(string method, string path)
    {
        var segments = path.Split('/');
        if (segments.Length < 2 || segments[0].Length != 0)
        {
            return null;
        }

        string? projectId = null;
        var rest = segments.AsSpan(1);
        if (rest.Length >= 2 && ProjectIdPattern().IsMatch(rest[0]) && rest[1] == Collection)
        {
            projectId = rest[0];
            rest = rest[1..];
        }

        if (rest[0] != Collection)
        {
            return null;
        }

        return rest.Length switch
        {
            1 when HttpMethods.IsGet(method) => new(KeyPairAction.Index, projectId, null),
            1 when HttpMethods.IsPost(method) => new(KeyPairAction.Create, projectId, null),
            2 when rest[1].Length > 0 && HttpMethods.IsGet(method) => new(KeyPairAction.Show, projectId, rest[1]),
            2 when rest[1].Length > 0 && HttpMethods.IsDelete(method) => new(KeyPairAction.Delete, projectId, rest[1]),
            _ => null,
        };
    }

    [GeneratedRegex("^[0-9a-f-]+$")]
    private static partial Regex ProjectIdPattern();
}
