using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ServiceFlow.Web.Email;

namespace ServiceFlow.Web.Tests.Email;

public sealed class PublicLinksTests
{
    [Theory]
    [InlineData("https://desk.example.com", "/survey/abc?culture=en", "https://desk.example.com/survey/abc?culture=en")]
    [InlineData("https://example.com/desk/", "/tickets/SE-1", "https://example.com/desk/tickets/SE-1")]
    [InlineData("https://desk.example.com", "https://elsewhere.example/x", "https://elsewhere.example/x")]
    public void Absolute_JoinsThePublicUrlAndAPath(string publicUrl, string link, string expected)
    {
        var links = Links(publicUrl);

        new MailContext(TimeZoneInfo.Utc, links.Base).Absolute(link).Should().Be(expected);
    }

    [Theory]
    [InlineData("desk.example.com")]
    [InlineData("ftp://desk.example.com")]
    [InlineData("https://desk.example.com/?a=1")]
    public void MalformedPublicUrl_StopsTheHostWithTheKeyInTheMessage(string publicUrl)
    {
        var build = () => Links(publicUrl);

        build.Should().Throw<InvalidOperationException>().WithMessage("*ServiceFlow:PublicUrl*https://desk.example.com*");
    }

    [Theory]
    [InlineData("Production", null, true)]
    [InlineData("Production", "https://desk.example.com", false)]
    [InlineData("Development", null, false)]
    public async Task StartupCheck_WarnsWhenUnset_OutsideDevelopment(string environment, string? publicUrl, bool warns)
    {
        var log = new ListLogger();
        var check = new PublicLinksStartupCheck(Links(publicUrl), new Environment(environment), log);

        await check.StartAsync(CancellationToken.None);

        log.Warnings.Any(w => w.Contains("ServiceFlow:PublicUrl is not set", StringComparison.Ordinal)).Should().Be(warns);
    }

    static PublicLinks Links(string? publicUrl) => new(
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["ServiceFlow:PublicUrl"] = publicUrl }).Build(),
        new ServiceCollection().BuildServiceProvider());

    sealed class Environment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;
        public string ApplicationName { get; set; } = "ServiceFlow.Web";
        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;
        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = null!;
    }

    sealed class ListLogger : ILogger<PublicLinks>
    {
        public List<string> Warnings { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel == LogLevel.Warning)
                Warnings.Add(formatter(state, exception));
        }
    }
}
