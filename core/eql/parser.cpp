#include "eql/parser.h"

#include "eql/eql_error.h"
#include "eql/lexer.h"

#include <array>
#include <limits>

namespace spoor::eql {

namespace {

constexpr std::array reservedWords = {"and",    "any",    "by",       "false", "in",    "in~",   "join",
                                      "like",   "like~",  "not",      "null",  "of",    "or",    "regex",
                                      "regex~", "sample", "sequence", "true",  "until", "where", "with"};

bool isReserved(const Token& token)
{
    if (token.kind != Token::Kind::Identifier)
        return false;
    for (const char* word : reservedWords) {
        if (token.text == word)
            return true;
    }
    return false;
}

constexpr int maxRuns = 100;

// Limits that keep the syntax tree shallow, so that parsing, analysis, evaluation and destruction, which
// all recurse over the tree, cannot overflow the stack on hostile input. Real rules nest a few levels.
constexpr int maxNesting = 64;         // parentheses, function calls, `not` and unary minus
constexpr int maxArithmeticChain = 32; // operators in one run of + - * / %

class Parser
{
public:
    explicit Parser(std::string_view text) : tokens_(tokenize(text)) {}

    QueryAst parse()
    {
        QueryAst ast = query();
        while (peek().isSymbol("|"))
            ast.pipes.push_back(pipe());
        if (peek().kind != Token::Kind::End)
            fail(peek(), "extraneous input " + describe(peek()) + " expecting {<EOF>, '|'}");
        return ast;
    }

private:
    const Token& peek(std::size_t ahead = 0) const
    {
        const std::size_t i = pos_ + ahead;
        return i < tokens_.size() ? tokens_[i] : tokens_.back();
    }

    const Token& take() { return tokens_[pos_ < tokens_.size() - 1 ? pos_++ : pos_]; }

    [[noreturn]] static void fail(const Token& at, const std::string& message)
    {
        throw EqlError(at.line, at.column, message);
    }

    [[noreturn]] static void mismatch(const Token& at, const std::string& expected)
    {
        fail(at, "mismatched input " + describe(at) + " expecting " + expected);
    }

    bool acceptWord(std::string_view word)
    {
        if (!peek().isWord(word))
            return false;
        take();
        return true;
    }

    bool acceptSymbol(std::string_view symbol)
    {
        if (!peek().isSymbol(symbol))
            return false;
        take();
        return true;
    }

    void expectWord(std::string_view word)
    {
        if (!acceptWord(word))
            mismatch(peek(), "'" + std::string(word) + "'");
    }

    void expectSymbol(std::string_view symbol)
    {
        if (!acceptSymbol(symbol))
            mismatch(peek(), "'" + std::string(symbol) + "'");
    }

    // ---- query structure ----

    QueryAst query()
    {
        QueryAst ast;
        if (peek().isWord("join"))
            fail(peek(), "queries using [join] are not supported; use a sequence instead");
        if (acceptWord("sequence")) {
            ast.kind = QueryAst::Kind::Sequence;
            sequenceHeader(ast);
            stages(ast, true);
            if (peek().isWord("until")) {
                take();
                ast.until = stage(false);
            }
        } else if (acceptWord("sample")) {
            ast.kind = QueryAst::Kind::Sample;
            if (peek().isWord("by"))
                ast.keys = keys();
            if (peek().isWord("with"))
                fail(peek(), "sample queries take no [with] parameters: maxspan and runs are not supported here");
            stages(ast, false);
        } else {
            Stage single;
            single.filter = eventFilter();
            ast.stages.push_back(std::move(single));
        }
        return ast;
    }

    void sequenceHeader(QueryAst& ast)
    {
        if (peek().isWord("by"))
            ast.keys = keys();
        if (peek().isWord("with")) {
            take();
            const Token& name = peek();
            if (!name.isWord("maxspan"))
                mismatch(name, "'maxspan'");
            take();
            expectSymbol("=");
            ast.maxspanNs = timeSpan();
            if (peek().isWord("by"))
                fail(peek(), "please specify sequence [by] before [with], not after");
        }
    }

    std::int64_t timeSpan()
    {
        const Token& number = peek();
        if (number.kind != Token::Kind::Integer)
            mismatch(number, "a whole number followed by a time unit (ms, s, m, h, d), as in maxspan=30s");
        take();
        const Token& unit = peek();
        if (number.integer <= 0)
            fail(number, "maxspan must be positive, found " + number.text);
        std::int64_t scale = 0;
        if (unit.kind == Token::Kind::Identifier && !unit.spaceBefore) {
            static constexpr std::pair<std::string_view, std::int64_t> units[] = {{"ms", 1'000'000},
                                                                                  {"s", 1'000'000'000},
                                                                                  {"m", 60'000'000'000},
                                                                                  {"h", 3'600'000'000'000},
                                                                                  {"d", 86'400'000'000'000}};
            for (const auto& [text, nanos] : units) {
                if (unit.text == text)
                    scale = nanos;
            }
        }
        if (scale == 0) {
            fail(unit,
                 "unknown time unit " + describe(unit) + " after maxspan=" + number.text + ": use ms, s, m, h or d");
        }
        take();
        if (number.integer > std::numeric_limits<std::int64_t>::max() / scale)
            fail(number, "maxspan " + number.text + unit.text + " is too large");
        return number.integer * scale;
    }

    void stages(QueryAst& ast, bool sequence)
    {
        while (peek().isSymbol("[") || (peek().isSymbol("!") && peek(1).isSymbol("["))) {
            const Token& start = peek();
            Stage s = stage(sequence);
            if (!sequence && s.missing)
                fail(start, "missing events ![...] are only allowed in sequences");
            const int runs = s.runs;
            for (int i = 0; i < runs; ++i)
                ast.stages.push_back(s);
        }
        if (ast.stages.empty())
            mismatch(peek(), "'['");
        if (ast.stages.size() < 2)
            fail(peek(), std::string(sequence ? "a sequence" : "a sample") +
                             " needs at least two stages [...], or one stage with runs=2 or more");
    }

    Stage stage(bool allowRuns)
    {
        Stage s;
        s.missing = acceptSymbol("!");
        expectSymbol("[");
        s.filter = eventFilter();
        expectSymbol("]");
        if (peek().isWord("by"))
            s.keys = keys();
        if (peek().isWord("with") && allowRuns) {
            take();
            if (!peek().isWord("runs"))
                mismatch(peek(), "'runs'");
            take();
            expectSymbol("=");
            const Token& count = peek();
            if (count.kind != Token::Kind::Integer)
                mismatch(count, "a whole number");
            take();
            if (count.integer < 1 || count.integer > maxRuns)
                fail(count, "runs must be between 1 and 100, found " + count.text);
            s.runs = static_cast<int>(count.integer);
        }
        return s;
    }

    EventFilter eventFilter()
    {
        EventFilter filter;
        const Token& category = peek();
        filter.line = category.line;
        filter.column = category.column;
        if (category.isWord("any")) {
            filter.any = true;
        } else if (category.kind == Token::Kind::String ||
                   (category.kind == Token::Kind::Identifier && !isReserved(category))) {
            filter.category = category.text;
        } else {
            mismatch(category, "an event category or 'any'");
        }
        take();
        expectWord("where");
        filter.condition = expression();
        return filter;
    }

    std::vector<ExprPtr> keys()
    {
        expectWord("by");
        std::vector<ExprPtr> list;
        list.push_back(expression());
        while (acceptSymbol(","))
            list.push_back(expression());
        return list;
    }

    Pipe pipe()
    {
        expectSymbol("|");
        const Token& name = peek();
        Pipe p;
        if (name.isWord("head")) {
            p.kind = Pipe::Kind::Head;
        } else if (name.isWord("tail")) {
            p.kind = Pipe::Kind::Tail;
        } else {
            fail(name, "pipe " + describe(name) + " is not supported; use head or tail");
        }
        take();
        const Token& count = peek();
        if (count.kind != Token::Kind::Integer)
            mismatch(count, "a whole number after " + name.text);
        take();
        if (count.integer < 0)
            fail(count, name.text + " needs a number of 0 or more");
        p.count = count.integer;
        return p;
    }

    // ---- expressions ----

    ExprPtr node(Expr::Kind kind, const Token& at) const
    {
        auto expr = std::make_shared<Expr>();
        expr->kind = kind;
        expr->line = at.line;
        expr->column = at.column;
        return expr;
    }

    ExprPtr binary(Expr::Kind kind, const Token& at, ExprPtr left, ExprPtr right) const
    {
        auto expr = node(kind, at);
        expr->args.push_back(std::move(left));
        expr->args.push_back(std::move(right));
        return expr;
    }

    // Counts one level of recursion for the lifetime of the object and fails past maxNesting.
    class NestingGuard
    {
    public:
        NestingGuard(Parser& parser, const Token& at) : parser_(parser)
        {
            if (++parser_.nesting_ > maxNesting)
                fail(at, "expression nested more than " + std::to_string(maxNesting) + " levels deep");
        }
        ~NestingGuard() { --parser_.nesting_; }
        NestingGuard(const NestingGuard&) = delete;
        NestingGuard& operator=(const NestingGuard&) = delete;

    private:
        Parser& parser_;
    };

    ExprPtr expression()
    {
        const NestingGuard guard(*this, peek());
        return orExpression();
    }

    // Builds a balanced tree over operands joined by one associative operator, so that a chain of
    // thousands of `and` or `or` terms gives a tree of logarithmic depth. Operands keep their order.
    ExprPtr balanced(Expr::Kind kind, const std::vector<ExprPtr>& operands, const std::vector<const Token*>& ops,
                     std::size_t first, std::size_t last) const
    {
        if (first == last)
            return operands[first];
        const std::size_t middle = first + (last - first) / 2;
        return binary(kind, *ops[middle], balanced(kind, operands, ops, first, middle),
                      balanced(kind, operands, ops, middle + 1, last));
    }

    ExprPtr orExpression()
    {
        std::vector<ExprPtr> operands{andExpression()};
        std::vector<const Token*> ops;
        while (peek().isWord("or")) {
            ops.push_back(&take());
            operands.push_back(andExpression());
        }
        return balanced(Expr::Kind::Or, operands, ops, 0, operands.size() - 1);
    }

    ExprPtr andExpression()
    {
        std::vector<ExprPtr> operands{notExpression()};
        std::vector<const Token*> ops;
        while (peek().isWord("and")) {
            ops.push_back(&take());
            operands.push_back(notExpression());
        }
        return balanced(Expr::Kind::And, operands, ops, 0, operands.size() - 1);
    }

    ExprPtr notExpression()
    {
        if (peek().isWord("not")) {
            const Token& op = take();
            const NestingGuard guard(*this, op);
            auto expr = node(Expr::Kind::Not, op);
            expr->args.push_back(notExpression());
            return expr;
        }
        return predicate();
    }

    void checkArithmeticChain(int operators, const Token& at) const
    {
        if (operators > maxArithmeticChain)
            fail(at, "more than " + std::to_string(maxArithmeticChain) + " arithmetic operators in a row");
    }

    static bool compareOp(const Token& token, CompareOp& op)
    {
        static constexpr std::pair<std::string_view, CompareOp> ops[] = {
            {"==", CompareOp::Equal},     {"!=", CompareOp::NotEqual}, {"<", CompareOp::Less},
            {"<=", CompareOp::LessEqual}, {">", CompareOp::Greater},   {">=", CompareOp::GreaterEqual}};
        for (const auto& [text, value] : ops) {
            if (token.isSymbol(text)) {
                op = value;
                return true;
            }
        }
        return false;
    }

    ExprPtr predicate()
    {
        ExprPtr left = additive();
        for (;;) {
            const Token& op = peek();
            CompareOp compare{};
            if (compareOp(op, compare)) {
                take();
                auto expr = binary(Expr::Kind::Compare, op, left, additive());
                expr->compareOp = compare;
                left = expr;
            } else if (op.isSymbol("=")) {
                fail(op, "use == instead of = to compare values");
            } else if (op.isWord("not") && (peek(1).isWord("in") || peek(1).isWord("in~"))) {
                take();
                auto negation = node(Expr::Kind::Not, op);
                negation->args.push_back(inList(left));
                return negation;
            } else if (op.isWord("in") || op.isWord("in~")) {
                return inList(left);
            } else if (op.isSymbol(":") || op.isWord("like") || op.isWord("like~") || op.isWord("regex") ||
                       op.isWord("regex~")) {
                return match(left);
            } else {
                return left;
            }
        }
    }

    ExprPtr inList(ExprPtr subject)
    {
        const Token& op = take();
        auto expr = node(Expr::Kind::In, op);
        expr->caseInsensitive = op.text == "in~";
        expr->name = op.text;
        expr->args.push_back(std::move(subject));
        expectSymbol("(");
        expr->args.push_back(expression());
        while (acceptSymbol(","))
            expr->args.push_back(expression());
        expectSymbol(")");
        return expr;
    }

    ExprPtr match(ExprPtr subject)
    {
        const Token& op = take();
        auto expr = node(Expr::Kind::Match, op);
        expr->name = op.text;
        expr->caseInsensitive = op.text == ":" || op.text.back() == '~';
        expr->regex = op.text.starts_with("regex");
        expr->args.push_back(std::move(subject));
        if (acceptSymbol("(")) {
            expr->args.push_back(additive());
            while (acceptSymbol(","))
                expr->args.push_back(additive());
            expectSymbol(")");
        } else {
            expr->args.push_back(additive());
        }
        return expr;
    }

    ExprPtr additive()
    {
        ExprPtr left = multiplicative();
        int operators = 0;
        while (peek().isSymbol("+") || peek().isSymbol("-")) {
            const Token& op = take();
            checkArithmeticChain(++operators, op);
            left = binary(Expr::Kind::Arithmetic, op, left, multiplicative());
            left->arithmeticOp = op.text == "+" ? ArithmeticOp::Add : ArithmeticOp::Subtract;
        }
        return left;
    }

    ExprPtr multiplicative()
    {
        ExprPtr left = unary();
        int operators = 0;
        while (peek().isSymbol("*") || peek().isSymbol("/") || peek().isSymbol("%")) {
            const Token& op = take();
            checkArithmeticChain(++operators, op);
            left = binary(Expr::Kind::Arithmetic, op, left, unary());
            left->arithmeticOp = op.text == "*"   ? ArithmeticOp::Multiply
                                 : op.text == "/" ? ArithmeticOp::Divide
                                                  : ArithmeticOp::Modulo;
        }
        return left;
    }

    ExprPtr unary()
    {
        if (peek().isSymbol("-")) {
            const Token& op = take();
            const NestingGuard guard(*this, op);
            auto expr = node(Expr::Kind::Negate, op);
            expr->args.push_back(unary());
            return expr;
        }
        if (peek().isSymbol("+")) {
            const NestingGuard guard(*this, take());
            return unary();
        }
        return primary();
    }

    ExprPtr literal(const Token& at, ecs::Value value)
    {
        take();
        auto expr = node(Expr::Kind::Literal, at);
        expr->literal = std::move(value);
        return expr;
    }

    ExprPtr primary()
    {
        const Token& token = peek();
        switch (token.kind) {
        case Token::Kind::String:
            return literal(token, ecs::Value(token.text));
        case Token::Kind::Integer:
            return literal(token, ecs::Value(token.integer));
        case Token::Kind::Decimal:
            return literal(token, ecs::Value(token.decimal));
        case Token::Kind::QuotedIdentifier:
            return fieldReference(false);
        case Token::Kind::Identifier:
            break;
        case Token::Kind::Symbol:
            if (token.isSymbol("(")) {
                take();
                ExprPtr inner = expression();
                expectSymbol(")");
                return inner;
            }
            if (token.isSymbol("?")) {
                take();
                if (peek().kind == Token::Kind::String)
                    fail(peek(), "?\"...\" strings are not supported; use \"\"\"...\"\"\" for a raw string");
                if (peek().spaceBefore)
                    fail(peek(), "no space is allowed between ? and the optional field name");
                return fieldReference(true);
            }
            mismatch(token, "an expression");
        case Token::Kind::End:
            mismatch(token, "an expression");
        }
        if (token.isWord("true"))
            return literal(token, ecs::Value(true));
        if (token.isWord("false"))
            return literal(token, ecs::Value(false));
        if (token.isWord("null"))
            return literal(token, ecs::Value());
        if (isReserved(token))
            mismatch(token, "an expression");
        if (peek(1).isSymbol("("))
            return call();
        return fieldReference(false);
    }

    ExprPtr call()
    {
        const Token& name = take();
        auto expr = node(Expr::Kind::Call, name);
        expr->name = name.text;
        expectSymbol("(");
        if (!acceptSymbol(")")) {
            expr->args.push_back(expression());
            while (acceptSymbol(","))
                expr->args.push_back(expression());
            expectSymbol(")");
        }
        return expr;
    }

    ExprPtr fieldReference(bool optional)
    {
        const Token& first = peek();
        if (first.kind != Token::Kind::Identifier && first.kind != Token::Kind::QuotedIdentifier)
            mismatch(first, "a field name");
        if (first.kind == Token::Kind::Identifier && isReserved(first))
            mismatch(first, "a field name");
        auto expr = node(Expr::Kind::Field, first);
        expr->optional = optional;
        expr->field = take().text;
        while (peek().isSymbol(".") && !peek().spaceBefore) {
            take();
            const Token& part = peek();
            if ((part.kind != Token::Kind::Identifier && part.kind != Token::Kind::QuotedIdentifier &&
                 part.kind != Token::Kind::Integer) ||
                part.spaceBefore)
                mismatch(part, "a field name after '.'");
            expr->field += '.';
            expr->field += take().text;
        }
        if (peek().isSymbol("[") && !peek().spaceBefore)
            fail(peek(), "array indexes such as " + expr->field + "[0] are not supported");
        expr->path = expr->field;
        return expr;
    }

    std::vector<Token> tokens_;
    std::size_t pos_ = 0;
    int nesting_ = 0;
};

} // namespace

QueryAst parseQuery(std::string_view text)
{
    return Parser(text).parse();
}

} // namespace spoor::eql
