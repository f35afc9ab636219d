using System.Text.RegularExpressions;
using Microsoft.Playwright;
using ServiceFlow.Web.Tests.Infrastructure;

namespace ServiceFlow.Browser.Tests;

public sealed partial class SignInTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task HomePage_SendsToSignIn_ThenAdminSeesHome()
    {
        var page = await app.NewPageAsync();

        await page.GotoAsync("/");
        await Assertions.Expect(page).ToHaveURLAsync(LoginUrl());
        await page.GetByLabel("User name").FillAsync("admin");
        await page.GetByLabel("Password").FillAsync(ServiceFlowApp.AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("home-title")).ToContainTextAsync("Welcome, Administrator");
        await Assertions.Expect(page.GetByTestId("current-user")).ToHaveTextAsync("admin");
    }

    [Fact]
    public async Task SignIn_ShowsAnError_ForAWrongPassword_InChinese()
    {
        var page = await app.NewPageAsync(locale: "zh-CN");

        await page.GotoAsync("/account/login");
        await page.GetByLabel("用户名").FillAsync("admin");
        await page.GetByLabel("密码").FillAsync("not-the-password");
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("login-error")).ToHaveTextAsync("用户名或密码错误。");
    }

    [GeneratedRegex("/account/login")]
    private static partial Regex LoginUrl();
}
