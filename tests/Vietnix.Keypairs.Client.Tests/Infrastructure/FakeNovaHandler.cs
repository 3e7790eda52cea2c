using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace Vietnix.Keypairs.Client.Tests.Infrastructure;

/// <summary>
/// A scripted Nova: records every request as the network would see it and answers from a queue of
/// responses, in order. A request with nothing scripted for it fails the test instead of hanging.
/// </summary>
internal sealed class FakeNovaHandler : HttpMessageHandler
{
    private readonly object _gate = new();
    private readonly Queue<Func<RecordedRequest, CancellationToken, Task<HttpResponseMessage>>> _script = new();
    private readonly List<RecordedRequest> _requests = [];
    private Func<RecordedRequest, HttpResponseMessage>? _always;

    /// <summary>Stops a client that keeps asking (e.g. a paging loop) instead of letting the test hang.</summary>
    public int MaxRequests { get; set; } = 50;

    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return _requests.ToArray();
            }
        }
    }

    /// <summary>Every request after version discovery.</summary>
    public IReadOnlyList<RecordedRequest> ApiRequests => Requests.Where(r => r.AbsoluteUri != TestClient.VersionRootUrl).ToArray();

    /// <summary>Answers the version discovery GET with the given microversion range.</summary>
    public FakeNovaHandler WithDiscovery(string maximum = "2.93", string minimum = "2.1") =>
        Respond(_ => NovaResponses.Json(HttpStatusCode.OK, NovaResponses.VersionDocument(maximum, minimum)));

    public FakeNovaHandler Respond(Func<RecordedRequest, HttpResponseMessage> responder) =>
        RespondAsync((request, _) => Task.FromResult(responder(request)));

    public FakeNovaHandler RespondAsync(Func<RecordedRequest, CancellationToken, Task<HttpResponseMessage>> responder)
    {
        lock (_gate)
        {
            _script.Enqueue(responder);
        }

        return this;
    }

    /// <summary>Answers every request the script does not cover.</summary>
    public FakeNovaHandler RespondToAllOthers(Func<RecordedRequest, HttpResponseMessage> responder)
    {
        _always = responder;
        return this;
    }

    public FakeNovaHandler Throw(Exception exception) => RespondAsync((_, _) => Task.FromException<HttpResponseMessage>(exception));

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var recorded = await RecordedRequest.CaptureAsync(request);
        Func<RecordedRequest, CancellationToken, Task<HttpResponseMessage>>? responder;
        lock (_gate)
        {
            _requests.Add(recorded);
            if (_requests.Count > MaxRequests)
            {
                throw new InvalidOperationException($"More than {MaxRequests} requests reached the fake Nova; the client appears to loop. Last: {recorded}");
            }

            responder = _script.Count > 0 ? _script.Dequeue() : null;
        }

        if (responder is null)
        {
            var always = _always ?? throw new InvalidOperationException($"The fake Nova has no scripted response for {recorded}.");
            responder = (r, _) => Task.FromResult(always(r));
        }

        var response = await responder(recorded, cancellationToken);
        response.RequestMessage = request;
        return response;
    }
}
