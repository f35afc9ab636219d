// Roles and policy names are named by nearly every endpoint and page, and by infrastructure (Runtime's
// access rules, the Hangfire dashboard): they live outside any feature and are in scope everywhere.
global using ServiceFlow.Web.Security;
