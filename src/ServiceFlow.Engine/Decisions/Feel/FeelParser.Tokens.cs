namespace ServiceFlow.Engine.Decisions.Feel;

/// <summary>Token helpers and the nesting guard.</summary>
internal sealed partial class FeelParser
{
    private FeelToken Next() => _tokens[_pos < _tokens.Count - 1 ? _pos++ : _pos];

    private bool Accept(string symbol)
    {
        if (!Current.Is(symbol))
        {
            return false;
        }

        Next();
        return true;
    }

    private bool AcceptWord(string word)
    {
        if (!Current.IsWord(word))
        {
            return false;
        }

        Next();
        return true;
    }

    private void Expect(string symbol)
    {
        if (!Accept(symbol))
        {
            throw new FeelSyntaxException($"expected '{symbol}' {Where()}");
        }
    }

    private void ExpectWord(string word)
    {
        if (!AcceptWord(word))
        {
            throw new FeelSyntaxException($"expected '{word}' {Where()}");
        }
    }

    private void ExpectEnd()
    {
        if (Current.Kind != TokenKind.End)
        {
            throw Unexpected();
        }
    }

    private FeelSyntaxException Unexpected() => new($"unexpected {(Current.Kind == TokenKind.End ? "end of text" : $"'{Current.Text}'")} {Where()}");

    private string Where() => Current.Kind == TokenKind.End ? "at the end" : $"at position {Current.Position + 1}";

    private DepthGuard Nest() => new(this);

    private void CountOperator()
    {
        if (++_operators > MaxOperators)
        {
            throw new FeelSyntaxException($"the expression has more than {MaxOperators} operators; split it into several decisions");
        }
    }

    private readonly struct DepthGuard : IDisposable
    {
        private readonly FeelParser _parser;

        public DepthGuard(FeelParser parser)
        {
            _parser = parser;
            if (++parser._depth > MaxDepth)
            {
                throw new FeelSyntaxException($"the expression is nested more than {MaxDepth} levels deep");
            }
        }

        public void Dispose() => _parser._depth--;
    }
}
