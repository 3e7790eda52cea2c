using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;

namespace Vietnix.Keypairs.Client.Http;

/// <summary>
/// What is needed to send a request again: an HttpRequestMessage can be sent only once, and
/// .NET Framework disposes its content after sending.
/// </summary>
internal sealed class BufferedCopy
{
    private readonly HttpMethod _method;
    private readonly Uri? _uri;
    private readonly List<KeyValuePair<string, IEnumerable<string>>> _headers;
    private readonly byte[]? _body;
    private readonly List<KeyValuePair<string, IEnumerable<string>>> _contentHeaders;
    private readonly List<KeyValuePair<string, object?>> _properties;

    private BufferedCopy(HttpRequestMessage request, byte[]? body)
    {
        _method = request.Method;
        _uri = request.RequestUri;
        _headers = request.Headers.ToList();
        _body = body;
        _contentHeaders = request.Content?.Headers.ToList() ?? [];
        _properties = request.Properties.ToList();
    }

    public static async Task<BufferedCopy> CreateAsync(HttpRequestMessage request) =>
        new(request, request.Content is null ? null : await request.Content.ReadAsByteArrayAsync().ConfigureAwait(false));

    public HttpRequestMessage ToRequest()
    {
        var request = new HttpRequestMessage(_method, _uri);
        foreach (var header in _headers)
        {
            request.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        // The handlers' markers, and the sent body an error answer is cleaned with.
        foreach (var property in _properties)
        {
            request.Properties[property.Key] = property.Value;
        }

        if (_body is not null)
        {
            request.Content = new ByteArrayContent(_body);
            foreach (var header in _contentHeaders)
            {
                request.Content.Headers.Remove(header.Key);
                request.Content.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        return request;
    }
}
