using PartnerRelationships.Core.Configuration;
using PartnerRelationships.Core.Errors;
using PartnerRelationships.Core.Remote;

namespace PartnerRelationships.Core.Tests.Remote;

public class CloudEndpointsTests
{
    [Theory]
    [InlineData(CloudEnvironment.Global, "https://graph.microsoft.com/v1.0/", "https://api.partnercenter.microsoft.com/", "https://login.microsoftonline.com/")]
    [InlineData(CloudEnvironment.USGovernment, "https://graph.microsoft.us/v1.0/", "https://api.partnercenter.microsoft.com/", "https://login.microsoftonline.us/")]
    [InlineData(CloudEnvironment.USGovernmentDoD, "https://dod-graph.microsoft.us/v1.0/", "https://api.partnercenter.microsoft.com/", "https://login.microsoftonline.us/")]
    [InlineData(CloudEnvironment.China, "https://microsoftgraph.chinacloudapi.cn/v1.0/", "https://partner.partnercenterapi.microsoftonline.cn/", "https://login.chinacloudapi.cn/")]
    public void Defaults_per_cloud(CloudEnvironment cloud, string graph, string partnerCenter, string login)
    {
        var endpoints = CloudEndpoints.For(cloud);

        Assert.Equal(graph, endpoints.Graph.ToString());
        Assert.Equal(partnerCenter, endpoints.PartnerCenter.ToString());
        Assert.Equal(login, endpoints.Login.ToString());
        Assert.Equal(graph.Replace("v1.0/", ".default"), endpoints.GraphScope);
        Assert.False(endpoints.IsSandbox);
    }

    [Fact]
    public void Config_overrides_replace_single_endpoints()
    {
        var endpoints = CloudEndpoints.Resolve(CloudEnvironment.Global, new EndpointSettings { Graph = new Uri("https://proxy.example/graph"), Login = new Uri("https://login.example/") });

        Assert.Equal("https://proxy.example/graph/v1.0/", endpoints.Graph.ToString());
        Assert.Equal("https://login.example/", endpoints.Login.ToString());
        Assert.Equal("https://api.partnercenter.microsoft.com/", endpoints.PartnerCenter.ToString());
        Assert.Equal("https://graph.microsoft.com/.default", endpoints.GraphScope);
    }

    [Fact]
    public void Sandbox_points_everything_at_one_address()
    {
        var endpoints = CloudEndpoints.Resolve(CloudEnvironment.USGovernment, new EndpointSettings { Graph = new Uri("https://ignored/") }, new Uri("http://localhost:5080"));

        Assert.Equal("http://localhost:5080/v1.0/", endpoints.Graph.ToString());
        Assert.Equal("http://localhost:5080/", endpoints.PartnerCenter.ToString());
        Assert.Equal("http://localhost:5080/", endpoints.Login.ToString());
        Assert.True(endpoints.IsSandbox);
    }

    [Fact]
    public void Config_pointing_every_service_at_local_plain_http_is_a_sandbox()
    {
        var local = new Uri("http://127.0.0.1:5099");
        var everything = CloudEndpoints.Resolve(CloudEnvironment.Global, new EndpointSettings { Graph = local, PartnerCenter = local, Login = local });
        var onlyGraph = CloudEndpoints.Resolve(CloudEnvironment.Global, new EndpointSettings { Graph = local });

        Assert.True(everything.IsSandbox);
        Assert.False(onlyGraph.IsSandbox);
    }

    [Fact]
    public void Gdap_is_not_available_in_china()
    {
        CloudEndpoints.For(CloudEnvironment.USGovernmentDoD).EnsureGranularAdminAvailable();

        var ex = Assert.Throws<PartnerRelationshipsException>(() => CloudEndpoints.For(CloudEnvironment.China).EnsureGranularAdminAvailable());

        Assert.Equal("NotAvailableInCloud", ex.ErrorId);
        Assert.Equal(ErrorKind.NotEnabled, ex.Category);
    }
}
