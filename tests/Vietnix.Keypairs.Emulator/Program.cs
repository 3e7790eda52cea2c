using Vietnix.Keypairs.Emulator;
using Vietnix.Keypairs.Emulator.Control;
using Vietnix.Keypairs.Emulator.Crypto;
using Vietnix.Keypairs.Emulator.Faults;
using Vietnix.Keypairs.Emulator.Identity;
using Vietnix.Keypairs.Emulator.KeyPairs;
using Vietnix.Keypairs.Emulator.Nova;

var builder = WebApplication.CreateBuilder(args);
if (!EmulatorOptions.TryRead(builder.Configuration, out var options, out var problem))
{
    Console.Error.WriteLine(problem);
    return 2;
}

builder.WebHost.UseUrls(options.Urls);
builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
builder.Logging.SetMinimumLevel(LogLevel.Warning);

var clock = new EmulatorClock();
var tokens = new TokenTable(clock);
var directory = new IdentityDirectory();
var startupTokens = new StartupTokens(directory, tokens);
builder.Services.AddSingleton(clock);
builder.Services.AddSingleton<TimeProvider>(clock);
builder.Services.AddSingleton(tokens);
builder.Services.AddSingleton(directory);
builder.Services.AddSingleton(new NovaSettings(options.Limits));
builder.Services.AddSingleton(new KeystoneSettings(options.TokenLifetime));
builder.Services.AddSingleton<ServerAddress>();
builder.Services.AddSingleton<ServiceCatalog>();
builder.Services.AddSingleton<TokenIssuer>();
builder.Services.AddSingleton<KeystoneEndpoints>();
builder.Services.AddSingleton<KeyPairStore>();
builder.Services.AddSingleton<KeyPairGenerator>();
builder.Services.AddSingleton<KeyPairEndpoints>();
builder.Services.AddSingleton<NovaPipeline>();
builder.Services.AddSingleton<RequestLog>();
builder.Services.AddSingleton<LostResponses>();
builder.Services.AddSingleton<FaultPlan>();

var app = builder.Build();
app.UseMiddleware<RequestCaptureMiddleware>();
app.UseMiddleware<FaultInjectionMiddleware>();
ControlEndpoints.Map(app);
if (options.Upstream is { } upstream)
{
    var forwarder = new UpstreamForwarder(upstream);
    app.MapFallback(forwarder.ForwardAsync);
}
else
{
    KeystoneEndpoints.Map(app);
    app.MapGet("/", (HttpContext http, NovaPipeline nova) => nova.ListVersionsAsync(http));
    app.Map("/v2.1", (HttpContext http, NovaPipeline nova) => nova.HandleAsync(http));
    app.Map("/v2.1/{**rest}", (HttpContext http, NovaPipeline nova) => nova.HandleAsync(http));
    app.MapFallback(WebobNotFound.WriteAsync);
}

await app.StartAsync();
if (options.ParentPid is { } parentPid)
{
    ParentWatch.Start(parentPid, app.Lifetime);
}

var baseUrl = app.Services.GetRequiredService<ServerAddress>().BaseUrl;
if (options.ReadyFile is not null)
{
    ReadyFile.Write(options.ReadyFile, baseUrl, directory, startupTokens);
}

Console.WriteLine($"Emulator listening on {baseUrl}");
await app.WaitForShutdownAsync();
return 0;
