namespace ServiceFlow.Engine.Decisions.Feel;

/// <summary>
/// Recursive-descent parser for ServiceFlow's FEEL subset: literals, names (with spaces), paths, arithmetic,
/// comparisons, <c>and</c>/<c>or</c>, <c>between</c>, <c>in</c>, <c>if then else</c>, lists, contexts and the
/// built-ins of <see cref="FeelFunctions"/>. Nesting is capped so hostile text cannot exhaust the stack.
/// </summary>
internal sealed partial class FeelParser
{
    public const int MaxDepth = 64;

    /// <summary>Binary operators and path steps per expression: a chain of them is a tree as deep as it is long.</summary>
    public const int MaxOperators = 1000;

    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "and", "or", "if", "then", "else", "between", "in", "for", "some", "every", "satisfies", "return", "instance", "of", "function",
    };

    private static readonly HashSet<string> Unsupported = new(StringComparer.Ordinal) { "for", "some", "every", "function", "instance" };

    private readonly string _text;
    private readonly List<FeelToken> _tokens;
    private int _pos;
    private int _depth;
    private int _operators;
    private bool _rangeEnd; // parsing the upper endpoint of a range, where '[' closes "]1..10["

    private FeelParser(string text)
    {
        _text = text;
        _tokens = FeelLexer.Tokenize(text);
    }

    private FeelToken Current => _tokens[_pos];

    private FeelToken Peek(int ahead) => _tokens[Math.Min(_pos + ahead, _tokens.Count - 1)];

    /// <summary>Parses a whole expression (input expression, output entry, literal decision).</summary>
    /// <exception cref="FeelSyntaxException">The text is not in the subset.</exception>
    public static FeelNode ParseExpression(string text)
    {
        var parser = new FeelParser(text);
        var node = parser.Expression();
        parser.ExpectEnd();
        return node;
    }

    private FeelNode Expression()
    {
        using var _ = Nest();
        if (Current.Kind == TokenKind.Name && Unsupported.Contains(Current.Text))
        {
            throw new FeelSyntaxException($"'{Current.Text}' expressions are not part of ServiceFlow's FEEL subset (position {Current.Position + 1})");
        }

        if (AcceptWord("if"))
        {
            var condition = Expression();
            ExpectWord("then");
            var then = Expression();
            ExpectWord("else");
            return new IfNode(condition, then, Expression());
        }

        var left = Conjunction();
        while (AcceptWord("or"))
        {
            CountOperator();
            left = new LogicNode(false, left, Conjunction());
        }

        return left;
    }

    private FeelNode Conjunction()
    {
        var left = Comparison();
        while (AcceptWord("and"))
        {
            CountOperator();
            left = new LogicNode(true, left, Comparison());
        }

        return left;
    }

    private FeelNode Comparison()
    {
        var left = Additive();
        if (Current.Kind == TokenKind.Symbol && Current.Text is "=" or "!=" or "<" or "<=" or ">" or ">=")
        {
            var op = Next().Text;
            return new CompareNode(op, left, Additive());
        }

        if (AcceptWord("between"))
        {
            var low = Additive();
            ExpectWord("and");
            return new BetweenNode(left, low, Additive());
        }

        return AcceptWord("in") ? new InNode(left, InTests()) : left;
    }

    private FeelNode Additive()
    {
        var left = Multiplicative();
        while (Current.Is("+") || Current.Is("-"))
        {
            CountOperator();
            var op = Next().Text;
            left = new ArithmeticNode(op, left, Multiplicative());
        }

        return left;
    }

    private FeelNode Multiplicative()
    {
        var left = Power();
        while (Current.Is("*") || Current.Is("/"))
        {
            CountOperator();
            var op = Next().Text;
            left = new ArithmeticNode(op, left, Power());
        }

        return left;
    }

    private FeelNode Power()
    {
        var left = Unary();
        while (Current.Is("**"))
        {
            CountOperator();
            Next();
            left = new ArithmeticNode("**", left, Unary());
        }

        return left;
    }

    private FeelNode Unary()
    {
        using var _ = Nest();
        if (Current.Is("-"))
        {
            Next();
            var operand = Unary();
            return operand is LiteralNode { Value: decimal d } ? new LiteralNode(-d) : new NegateNode(operand);
        }

        var node = Primary();
        while (true)
        {
            if (Current.Is(".") && Peek(1).Kind == TokenKind.Name)
            {
                CountOperator();
                Next();
                node = new PathNode(node, Next().Text);
            }
            else if (Current.Is("[") && !_rangeEnd)
            {
                throw new FeelSyntaxException($"filters and indexes (position {Current.Position + 1}) are not part of ServiceFlow's FEEL subset");
            }
            else
            {
                return node;
            }
        }
    }
}
