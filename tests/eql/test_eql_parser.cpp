#include "eql/analyzer.h"
#include "eql/eql_error.h"
#include "eql/lexer.h"
#include "eql/query.h"

#include <QTest>

using spoor::eql::EqlError;
using spoor::eql::Query;
using spoor::eql::Token;

Q_DECLARE_METATYPE(Query::Kind)

class TestEqlParser : public QObject
{
    Q_OBJECT

private slots:
    void lexerPositions()
    {
        const auto tokens = spoor::eql::tokenize("process where\n  a.b == \"x\" // note\n/* c */ and `odd name` : 1.5");
        QCOMPARE(tokens.size(), std::size_t(12));
        QCOMPARE(tokens[2].text, std::string("a"));
        QCOMPARE(tokens[2].line, 2);
        QCOMPARE(tokens[2].column, 3);
        QCOMPARE(tokens[6].kind, Token::Kind::String);
        QCOMPARE(tokens[6].text, std::string("x"));
        QCOMPARE(tokens[7].text, std::string("and"));
        QCOMPARE(tokens[7].line, 3);
        QCOMPARE(tokens[7].column, 9);
        QVERIFY(tokens[7].spaceBefore);
        QCOMPARE(tokens[8].kind, Token::Kind::QuotedIdentifier);
        QCOMPARE(tokens[8].text, std::string("odd name"));
        QCOMPARE(tokens[10].kind, Token::Kind::Decimal);
        QCOMPARE(tokens[10].decimal, 1.5);
        QCOMPARE(tokens[11].kind, Token::Kind::End);
    }

    void lexerStrings_data()
    {
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("expected");
        QTest::newRow("plain") << "\"abc\""
                               << "abc";
        QTest::newRow("escapes") << "\"a\\nb\\tc\\rd\""
                                 << "a\nb\tc\rd";
        QTest::newRow("backslash and quote") << "\"C:\\\\x\\\"y\""
                                             << "C:\\x\"y";
        QTest::newRow("unicode escape") << "\"\\u{41}\\u{e9}\"" << QString::fromUtf8("A\xc3\xa9");
        QTest::newRow("raw") << "\"\"\"C:\\Windows\\\"x\"\"\""
                             << "C:\\Windows\\\"x";
        QTest::newRow("raw ending in quote") << "\"\"\"a\"\"\"\""
                                             << "a\"";
        QTest::newRow("utf8") << QString::fromUtf8("\"\xc3\xa9t\xc3\xa9\"") << QString::fromUtf8("\xc3\xa9t\xc3\xa9");
    }

    void lexerStrings()
    {
        QFETCH(QString, source);
        QFETCH(QString, expected);
        const auto tokens = spoor::eql::tokenize(source.toStdString());
        QCOMPARE(tokens[0].kind, Token::Kind::String);
        QCOMPARE(QString::fromStdString(tokens[0].text), expected);
    }

    void parseValid_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<Query::Kind>("kind");
        QTest::addColumn<int>("steps");
        QTest::addColumn<qint64>("maxspanNs");
        QTest::newRow("event") << "process where true" << Query::Kind::Event << 1 << qint64(-1);
        QTest::newRow("any") << "any where a == 1" << Query::Kind::Event << 1 << qint64(-1);
        QTest::newRow("quoted category") << "\"my-cat\" where a != null" << Query::Kind::Event << 1 << qint64(-1);
        QTest::newRow("operators") << "any where a < 1 or a <= 2 or a > 3 or a >= 4 and not (b == \"x\")"
                                   << Query::Kind::Event << 1 << qint64(-1);
        QTest::newRow("backquoted") << "any where `sequence` == 1 and `a b`.c == 2" << Query::Kind::Event << 1
                                    << qint64(-1);
        QTest::newRow("comments") << "// head\nany /* inline */ where true // tail" << Query::Kind::Event << 1
                                  << qint64(-1);
        QTest::newRow("sequence ms") << "sequence with maxspan=500ms [a where true] [b where true]"
                                     << Query::Kind::Sequence << 2 << qint64(500'000'000);
        QTest::newRow("sequence by s") << "sequence by h, u with maxspan=1s [a where true] by p [b where true] by q"
                                       << Query::Kind::Sequence << 2 << qint64(1'000'000'000);
        QTest::newRow("sequence m") << "sequence with maxspan=2m [a where true] [b where true]" << Query::Kind::Sequence
                                    << 2 << qint64(120'000'000'000);
        QTest::newRow("sequence h") << "sequence with maxspan=1h [a where true] [b where true]" << Query::Kind::Sequence
                                    << 2 << qint64(3'600'000'000'000);
        QTest::newRow("sequence d") << "sequence with maxspan=1d [a where true] [b where true]" << Query::Kind::Sequence
                                    << 2 << qint64(86'400'000'000'000);
        QTest::newRow("runs") << "sequence [a where true] with runs=3 [b where true]" << Query::Kind::Sequence << 4
                              << qint64(-1);
        QTest::newRow("single stage runs")
            << "sequence [a where true] with runs=2" << Query::Kind::Sequence << 2 << qint64(-1);
        QTest::newRow("until") << "sequence by x [a where true] [b where true] until [c where true]"
                               << Query::Kind::Sequence << 2 << qint64(-1);
        QTest::newRow("missing") << "sequence with maxspan=1s [a where true] ![b where true] [c where true]"
                                 << Query::Kind::Sequence << 3 << qint64(1'000'000'000);
        QTest::newRow("sample") << "sample by h [a where true] [b where true]" << Query::Kind::Sample << 2
                                << qint64(-1);
        QTest::newRow("pipes") << "any where true | head 5 | tail 2" << Query::Kind::Event << 1 << qint64(-1);
        QTest::newRow("functions") << "any where startsWith~(a, \"x\") and CONCAT(a, 1) : \"x*\" and length(a) > 1"
                                   << Query::Kind::Event << 1 << qint64(-1);
        QTest::newRow("like and regex") << "any where a like~ (\"x*\", \"y?\") and b regex \"\"\"[a-z]+\"\"\""
                                        << Query::Kind::Event << 1 << qint64(-1);
        QTest::newRow("in lists") << "any where a in (1, 2) and b not in (\"x\") and c in~ (\"Y\")"
                                  << Query::Kind::Event << 1 << qint64(-1);
        QTest::newRow("optional field") << "any where ?a.b == null" << Query::Kind::Event << 1 << qint64(-1);
        QTest::newRow("arithmetic") << "any where a + 2 * -3 % 4 / 5 - 1 == 0" << Query::Kind::Event << 1 << qint64(-1);
    }

    void parseValid()
    {
        QFETCH(QString, query);
        QFETCH(Query::Kind, kind);
        QFETCH(int, steps);
        QFETCH(qint64, maxspanNs);
        const Query parsed = Query::parse(query.toStdString());
        QCOMPARE(parsed.kind(), kind);
        QCOMPARE(parsed.stepCount(), std::size_t(steps));
        QCOMPARE(parsed.maxspanNs().value_or(-1), maxspanNs);
    }

    void fieldNames()
    {
        const Query parsed = Query::parse("sequence by host.id [process where a == 1 and length(b) == 1] by c "
                                          "[any where d : \"x\"] by ?e");
        const std::vector<std::string> expected = {"a", "b", "c", "d", "e", "event.category", "host.id"};
        QCOMPARE(parsed.fieldNames(), expected);
    }

    void parseErrors_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<int>("line");
        QTest::addColumn<int>("column");
        QTest::addColumn<QString>("fragment");
        QTest::newRow("where misspelt") << "process\n  wher true" << 2 << 3 << "expecting 'where'";
        QTest::newRow("missing category") << "where true" << 1 << 1 << "expecting an event category";
        QTest::newRow("single equals") << "any where a = 1" << 1 << 13 << "use ==";
        QTest::newRow("single quotes") << "any where a == 'x'" << 1 << 16 << "double quotes";
        QTest::newRow("unterminated string") << "any where a == \"x" << 1 << 16 << "unterminated string";
        QTest::newRow("bad escape") << "any where a == \"\\q\"" << 1 << 17 << "invalid escape";
        QTest::newRow("unterminated comment") << "any where true /* x" << 1 << 16 << "unterminated comment";
        QTest::newRow("dangling and") << "any where a == 1 and" << 1 << 21 << "expecting an expression";
        QTest::newRow("huge decimal") << "any where a == 7E777" << 1 << 16 << "out of range";
        QTest::newRow("tiny decimal") << "any where a == 1e-999" << 1 << 16 << "out of range";
        QTest::newRow("nested parentheses")
            << QStringLiteral("any where ") + QString(100, QLatin1Char('(')) + QStringLiteral("true") << 1 << 75
            << "nested more than 64 levels";
        QTest::newRow("not chain") << QStringLiteral("any where ") + QStringLiteral("not ").repeated(100) +
                                          QStringLiteral("true")
                                   << 1 << 263 << "nested more than 64 levels";
        QTest::newRow("arithmetic chain") << QStringLiteral("any where a == 1") + QStringLiteral(" + 1").repeated(40)
                                          << 1 << 146 << "more than 32 arithmetic operators";
        QTest::newRow("missing bracket") << "sequence [a where true] [b where true" << 1 << 38 << "expecting ']'";
        QTest::newRow("one stage") << "sequence [a where true]" << 1 << 24 << "at least two stages";
        QTest::newRow("bad unit") << "sequence with maxspan=5x [a where true] [b where true]" << 1 << 24
                                  << "unknown time unit";
        QTest::newRow("by after with") << "sequence with maxspan=5s by x [a where true] [b where true]" << 1 << 26
                                       << "before [with]";
        QTest::newRow("runs zero") << "sequence [a where true] with runs=0 [b where true]" << 1 << 35
                                   << "between 1 and 100";
        QTest::newRow("unknown pipe") << "any where true | sort a" << 1 << 18 << "not supported";
        QTest::newRow("join") << "join [a where true] [b where true]" << 1 << 1 << "[join]";
        QTest::newRow("trailing input") << "any where true true" << 1 << 16 << "extraneous input";
        QTest::newRow("unknown function") << "any where\n  fooBar(a) == 1" << 2 << 3 << "unknown function [fooBar]";
        QTest::newRow("arity") << "any where length(a, b) == 1" << 1 << 11 << "takes 1 arguments, found 2";
        QTest::newRow("no insensitive form") << "any where length~(a) == 1" << 1 << 11 << "no case-insensitive form";
        QTest::newRow("argument type") << "any where length(1) == 1" << 1 << 18 << "must be [string]";
        QTest::newRow("field against field") << "any where a == b" << 1 << 16 << "against fields";
        QTest::newRow("pattern not constant") << "any where a : b" << 1 << 15 << "constant string";
        QTest::newRow("bad regex") << "any where a regex \"(x\"" << 1 << 19 << "invalid regular expression";
        QTest::newRow("non-boolean condition") << "any where 1 + 1" << 1 << 13 << "must be boolean";
        QTest::newRow("key count") << "sequence [a where true] by x [b where true]" << 1 << 31 << "join keys";
        QTest::newRow("missing without maxspan")
            << "sequence [a where true] ![b where true]" << 1 << 27 << "needs a maxspan";
        QTest::newRow("array index") << "any where a[0] == 1" << 1 << 12 << "array indexes";
    }

    void longAndChainIsShallow()
    {
        // Thousands of terms must parse without deep recursion anywhere in the engine.
        QString query = QStringLiteral("any where a == 0");
        for (int i = 1; i < 20000; ++i)
            query += QStringLiteral(" and a != %1").arg(i);
        const Query parsed = Query::parse(query.toStdString());
        QCOMPARE(parsed.kind(), Query::Kind::Event);
    }

    void parseErrors()
    {
        QFETCH(QString, query);
        QFETCH(int, line);
        QFETCH(int, column);
        QFETCH(QString, fragment);
        try {
            Query::parse(query.toStdString());
            QFAIL("the query was accepted");
        } catch (const EqlError& error) {
            const QString message = QString::fromStdString(error.message());
            QVERIFY2(message.contains(fragment), qPrintable(message));
            QCOMPARE(error.line(), line);
            QCOMPARE(error.column(), column);
            QCOMPARE(QString::fromUtf8(error.what()), QStringLiteral("%1:%2: %3").arg(line).arg(column).arg(message));
        }
    }
};

QTEST_GUILESS_MAIN(TestEqlParser)
#include "test_eql_parser.moc"
