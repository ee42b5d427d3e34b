using PartnerRelationships.Sandbox;

// The sandbox as a process: parse flags, start, print the URL, run until Ctrl+C.
SandboxOptions? options;
try
{
    options = SandboxCommandLine.Parse(args);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    Console.Error.WriteLine(SandboxCommandLine.Usage);
    return 2;
}

if (options is null)
{
    Console.WriteLine(SandboxCommandLine.Usage);
    return 0;
}

await using var server = await SandboxServer.StartAsync(options);
Console.WriteLine($"Sandbox listening on {server.BaseAddress}");
if (server.HttpsAddress is { } https)
{
    Console.WriteLine($"  HTTPS:          {https} (certificate {server.Certificate!.Thumbprint}{(options.CertificateOutputPath is { } pem ? ", written to " + pem : "")})");
}

Console.WriteLine($"  Managed identity: IDENTITY_ENDPOINT={server.BaseAddress.ToString().TrimEnd('/')}/msi/token");
Console.WriteLine($"  Graph:          {server.GraphBaseUrl}");
Console.WriteLine($"  Partner Center: {server.PartnerCenterBaseUrl}/v1");
Console.WriteLine($"  Token:          {server.BaseAddress}{options.PartnerTenantId}/oauth2/v2.0/token");
Console.WriteLine($"  Controls:       {server.BaseAddress}_sandbox/state");
Console.Out.Flush();
await server.WaitForShutdownAsync();
return 0;
