using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Text.Json;
using System.Text.RegularExpressions;
using Acornima.Ast;
using Jint;
using Jint.Native;
using Jint.Native.Json;
using Jint.Runtime;
using JsEngine = Jint.Engine;
using JsJsonSerializer = Jint.Native.Json.JsonSerializer;

namespace ServiceFlow.Engine.Expressions;

/// <summary>The outcome of one evaluation: a JSON value or an error message.</summary>
/// <param name="Value">The result converted to JSON (null JSON for undefined).</param>
/// <param name="Error">Why evaluation failed, or null.</param>
internal readonly record struct ExpressionResult(JsonElement Value, string? Error)
{
    public bool Ok => Error is null;
}

/// <summary>
/// Runs JavaScript with Jint in a sandbox: strict mode, no CLR access, time/statement/memory/recursion limits.
/// A fresh engine per evaluation keeps evaluations independent; variables go in as JSON, and only those the
/// expression names (a gateway's <c>decision === 'return'</c> needs one variable, not the ticket's twenty). Each
/// distinct expression is parsed once and the prepared script reused (it is immutable and thread-safe).
/// </summary>
internal sealed partial class ExpressionSandbox(SandboxLimits limits)
{
    [GeneratedRegex(@"^\s*[$#]\{(?<body>.*)\}\s*$", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex JuelWrapper();

    [GeneratedRegex(@"^[A-Za-z_$][A-Za-z0-9_$]*$", RegexOptions.CultureInvariant)]
    private static partial Regex Identifier();

    /// <summary>Strips a Camunda/JUEL-style <c>${ ... }</c> wrapper.</summary>
    public static string Unwrap(string expression) =>
        JuelWrapper().Match(expression) is { Success: true } m ? m.Groups["body"].Value.Trim() : expression.Trim();

    /// <summary>True when the text is written as an expression (<c>${...}</c>).</summary>
    public static bool IsWrapped(string text) => JuelWrapper().IsMatch(text);

    /// <summary>Null when the script parses, else the syntax error.</summary>
    public static string? CheckSyntax(string expression)
    {
        if (expression.TrimStart().StartsWith('='))
        {
            return "FEEL expressions (Zeebe's leading '=') are not supported; write JavaScript, e.g. amount > 100";
        }

        try
        {
            JsEngine.PrepareScript(Unwrap(expression), strict: true);
            return null;
        }
        catch (Exception ex)
        {
            return ex.Message;
        }
    }

    // Prepared scripts by source text. A process's expressions are few and repeat on every instance; the bound only
    // guards against a workflow that builds distinct expression text per instance.
    private static readonly ConcurrentDictionary<string, Prepared<Script>> PreparedScripts = new(StringComparer.Ordinal);
    private const int MaxPreparedScripts = 4096;
    private static readonly ScriptPreparationOptions Preparation = new() { CollectReferencedGlobals = true };

    private static Prepared<Script> Prepare(string code)
    {
        if (PreparedScripts.TryGetValue(code, out var prepared))
            return prepared;
        prepared = JsEngine.PrepareScript(code, strict: true, options: Preparation);
        if (PreparedScripts.Count >= MaxPreparedScripts)
            PreparedScripts.Clear();
        PreparedScripts[code] = prepared;
        return prepared;
    }

    /// Whether the script may reach a variable by a name it does not write out: through <c>globalThis</c> or
    /// <c>this</c> (e.g. <c>globalThis['a' + 'b']</c>). Such a script gets every variable, as before.
    private static bool ReachesGlobalsByName(in Prepared<Script> script, string code) =>
        script.ReferencedGlobals is not { } names || names.HasDirectEvalCall || names.Contains("globalThis")
        || code.Contains("this", StringComparison.Ordinal);

    // Built-ins whose results depend on their arguments only (no clock, no randomness, no state between calls).
    private static readonly FrozenSet<string> PureGlobals = FrozenSet.ToFrozenSet(
        ["Number", "String", "Boolean", "parseInt", "parseFloat", "isNaN", "isFinite", "undefined", "NaN", "Infinity", "JSON", "Array", "Object"],
        StringComparer.Ordinal);

    // Results of pure expressions by their text and the values they read: a gateway's `decision === 'return'` or
    // a task's `Number(String(priority).substring(1))` give the same answer for the same values on every instance,
    // and an engine made to say so again is most of an evaluation's cost. Only successes are kept; the limits are
    // part of the key, since a stricter sandbox may refuse what a looser one computed.
    private static readonly ConcurrentDictionary<(SandboxLimits, string), JsonElement> Results = new();
    private const int MaxResults = 8192;
    private const int MaxResultKeyLength = 1024;
    private const int MaxResultLength = 4096; // `Array(1e5).fill(0)` is pure too: large results are not kept

    /// The key of a result that depends on nothing but the variables the script names, or null: the script reads a
    /// global that is neither one of them nor a pure built-in (Date, Math.random), or the values are long.
    private static string? ResultKey(in Prepared<Script> script, string code, IReadOnlyDictionary<string, JsonElement> variables)
    {
        var key = new System.Text.StringBuilder(code.Length + 64).Append(code);
        foreach (var name in script.ReferencedGlobals!)
        {
            if (variables.TryGetValue(name, out var value) && Identifier().IsMatch(name))
                key.Append('\u0001').Append(name).Append('=').Append(value.GetRawText());
            else if (!PureGlobals.Contains(name))
                return null; // also a name that is neither bound nor built in: the evaluation fails, and is not kept
            if (key.Length > MaxResultKeyLength)
                return null;
        }
        return key.ToString();
    }

    public ExpressionResult Evaluate(string expression, IReadOnlyDictionary<string, JsonElement> variables)
    {
        var code = Unwrap(expression);
        try
        {
            var script = Prepare(code);
            var bindAll = ReachesGlobalsByName(script, code);
            var resultKey = bindAll ? null : ResultKey(script, code, variables);
            if (resultKey is not null && Results.TryGetValue((limits, resultKey), out var known))
                return new ExpressionResult(known, null);
            using var engine = new JsEngine(options =>
            {
                options.Strict()
                    .TimeoutInterval(limits.TimeLimit)
                    .MaxStatements(limits.MaxStatements)
                    .LimitMemory(limits.MemoryBytes)
                    .LimitRecursion(limits.RecursionDepth)
                    .DisableStringCompilation();
                options.Constraints.RegexTimeout = limits.TimeLimit; // catastrophic backtracking is a hang too
            });
            var json = new JsonParser(engine);
            foreach (var (name, value) in variables)
            {
                if ((bindAll || script.ReferencedGlobals!.Contains(name)) && Identifier().IsMatch(name))
                {
                    engine.SetValue(name, json.Parse(value.GetRawText()));
                }
            }

            var result = engine.Evaluate(script);
            var serialized = new JsJsonSerializer(engine).Serialize(result);
            var text = serialized.IsString() ? serialized.AsString() : "null";
            using var doc = JsonDocument.Parse(text);
            var outcome = doc.RootElement.Clone();
            if (resultKey is not null && text.Length <= MaxResultLength)
            {
                if (Results.Count >= MaxResults)
                    Results.Clear();
                Results[(limits, resultKey)] = outcome;
            }
            return new ExpressionResult(outcome, null);
        }
        catch (JavaScriptException ex)
        {
            return Fail(expression, ex.Message);
        }
        catch (TimeoutException)
        {
            return Fail(expression, $"took longer than {limits.TimeLimit.TotalMilliseconds} ms");
        }
        catch (StatementsCountOverflowException)
        {
            return Fail(expression, $"ran more than {limits.MaxStatements} statements");
        }
        catch (Exception ex)
        {
            // MemoryLimitExceeded, RecursionDepthOverflow, parse errors: all become incidents, never crashes.
            return Fail(expression, ex.Message);
        }
    }

    /// <summary>Evaluates a condition with JavaScript truthiness.</summary>
    public ExpressionResult EvaluateCondition(string expression, IReadOnlyDictionary<string, JsonElement> variables, out bool value)
    {
        var result = Evaluate(expression, variables);
        value = result.Ok && result.Value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.Number => result.Value.GetDouble() != 0,
            JsonValueKind.String => result.Value.GetString()!.Length > 0,
            JsonValueKind.Object or JsonValueKind.Array => true,
            _ => false,
        };
        return result;
    }

    private static ExpressionResult Fail(string expression, string message) =>
        new(default, $"expression '{Truncate(expression)}' failed: {message}");

    private static string Truncate(string s) => s.Length <= 80 ? s : s[..77] + "...";
}

/// <summary>Sandbox limits for one evaluation.</summary>
/// <param name="TimeLimit">Wall-clock limit.</param>
/// <param name="MaxStatements">Statement limit.</param>
/// <param name="MemoryBytes">Memory limit in bytes.</param>
/// <param name="RecursionDepth">Call depth limit.</param>
internal sealed record SandboxLimits(TimeSpan TimeLimit, int MaxStatements, long MemoryBytes, int RecursionDepth);
