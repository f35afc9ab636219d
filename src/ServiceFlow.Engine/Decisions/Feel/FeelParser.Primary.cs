namespace ServiceFlow.Engine.Decisions.Feel;

internal sealed partial class FeelParser
{
    private FeelNode Primary()
    {
        var token = Current;
        switch (token.Kind)
        {
            case TokenKind.Number:
                Next();
                return new LiteralNode(token.Number);
            case TokenKind.String:
                Next();
                return new LiteralNode(token.Text);
            case TokenKind.Name:
                return NameOrCall();
        }

        if (token.Is("?"))
        {
            Next();
            return new NameNode("?");
        }

        if (token.Is("("))
        {
            Next();
            var inner = Expression();
            Expect(")");
            return inner;
        }

        if (token.Is("["))
        {
            Next();
            return new ListNode(Items("]"));
        }

        if (token.Is("{"))
        {
            Next();
            return Context();
        }

        throw Unexpected();
    }

    private FeelNode NameOrCall()
    {
        var first = Current;
        switch (first.Text)
        {
            case "true" or "false":
                Next();
                return new LiteralNode(first.Text == "true");
            case "null":
                Next();
                return new LiteralNode(null);
        }

        if (Keywords.Contains(first.Text))
        {
            throw Unexpected();
        }

        var name = Name();
        if (!Current.Is("("))
        {
            return new NameNode(name);
        }

        var function = FeelFunctions.Find(name)
            ?? throw new FeelSyntaxException($"unknown function '{name}' at position {first.Position + 1}");
        Next();
        var args = Items(")");
        if (args.Count < function.MinArgs || args.Count > function.MaxArgs)
        {
            throw new FeelSyntaxException($"{name}() takes {(function.MinArgs == function.MaxArgs ? function.MinArgs.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{function.MinArgs} to {function.MaxArgs}")} arguments, not {args.Count}");
        }

        var call = new CallNode(function, args);
        if (call.IsConstant && name is "date" or "date and time" or "time" or "duration" or "number" && call.Evaluate(FeelScope.Empty) is null)
        {
            // Caught here so a typo such as date("2026-13-01") is a validation error, not a rule that silently never matches.
            var source = _text[first.Position.._tokens[_pos - 1].Position].Trim() + ")";
            throw new FeelSyntaxException($"{source} is not a valid {name}");
        }

        return call;
    }

    /// <summary>Words joined by single spaces ("Applicant Age"); "date and time" is one name before '('.</summary>
    private string Name()
    {
        var words = new List<string> { Next().Text };
        while (true)
        {
            foreach (var multi in FeelFunctions.MultiWordNames)
            {
                var parts = multi.Split(' ');
                if (parts[0] == words[^1] && Enumerable.Range(1, parts.Length - 1).All(i => Peek(i - 1).IsWord(parts[i])) && Peek(parts.Length - 1).Is("("))
                {
                    words[^1] = multi;
                    _pos += parts.Length - 1;
                    return string.Join(' ', words);
                }
            }

            if (Current.Kind != TokenKind.Name || Keywords.Contains(Current.Text))
            {
                return string.Join(' ', words);
            }

            words.Add(Next().Text);
        }
    }

    private List<FeelNode> Items(string close)
    {
        var items = new List<FeelNode>();
        if (!Current.Is(close))
        {
            do
            {
                items.Add(Expression());
            }
            while (Accept(","));
        }

        Expect(close);
        return items;
    }

    private ContextNode Context()
    {
        var entries = new List<(string, FeelNode)>();
        if (!Current.Is("}"))
        {
            do
            {
                var key = Current.Kind switch
                {
                    TokenKind.String => Next().Text,
                    TokenKind.Name => Name(),
                    _ => throw Unexpected(),
                };
                Expect(":");
                entries.Add((key, Expression()));
            }
            while (Accept(","));
        }

        Expect("}");
        return new ContextNode(entries);
    }
}
