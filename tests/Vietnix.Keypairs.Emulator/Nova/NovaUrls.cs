using System.Text;

namespace Vietnix.Keypairs.Emulator.Nova;

/// <summary>URL pieces the way Nova builds links: webob's host_url, nova's url_join and Python's quote_plus.</summary>
internal static class NovaUrls
{
    /// <summary>webob's host_url: the scheme and the request's Host header, without a default port.</summary>
    public static string HostUrl(HttpRequest request)
    {
        var connection = request.HttpContext.Connection;
        var host = request.Host.HasValue ? request.Host.Value! : $"{connection.LocalIpAddress}:{connection.LocalPort}";
        if (request.IsHttps ? host.EndsWith(":443", StringComparison.Ordinal) : host.EndsWith(":80", StringComparison.Ordinal))
        {
            host = host[..host.LastIndexOf(':')];
        }

        return request.Scheme + "://" + host;
    }

    /// <summary>nova.api.openstack.common.url_join: parts trimmed of '/', empty parts dropped.</summary>
    public static string UrlJoin(params string[] parts) =>
        string.Join('/', parts.Where(part => part.Length > 0).Select(part => part.Trim('/')));

    /// <summary>urllib.parse.quote_plus: UTF-8, everything but letters, digits and "_.-~" escaped, space as '+'.</summary>
    public static string QuotePlus(string text)
    {
        var output = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            if (char.IsAsciiLetterOrDigit((char)b) || b is (byte)'_' or (byte)'.' or (byte)'-' or (byte)'~')
            {
                output.Append((char)b);
            }
            else if (b == ' ')
            {
                output.Append('+');
            }
            else
            {
                output.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return output.ToString();
    }
}
