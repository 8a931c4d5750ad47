#include "models/eql_text.h"

#include "eql/eql_error.h"
#include "eql/lexer.h"

#include <QRegularExpression>
#include <cmath>

namespace spoor::ui {

namespace {

// The parser's reserved words: a field part spelled like one must be backquoted.
const QStringList reservedWords = {QStringLiteral("and"),    QStringLiteral("any"),      QStringLiteral("by"),
                                   QStringLiteral("false"),  QStringLiteral("in"),       QStringLiteral("join"),
                                   QStringLiteral("like"),   QStringLiteral("not"),      QStringLiteral("null"),
                                   QStringLiteral("of"),     QStringLiteral("or"),       QStringLiteral("regex"),
                                   QStringLiteral("sample"), QStringLiteral("sequence"), QStringLiteral("true"),
                                   QStringLiteral("until"),  QStringLiteral("where"),    QStringLiteral("with")};

bool isIdentifier(const QString& part)
{
    static const QRegularExpression identifier(QStringLiteral("^[A-Za-z_@][A-Za-z0-9_@]*$"));
    return identifier.match(part).hasMatch() && !reservedWords.contains(part);
}

// The shape of a filter's text, from its first tokens.
enum class Shape { Empty, BareCondition, EventQuery, EventQueryWithPipes, SequenceOrSample, Unknown };

Shape shapeOf(const QString& filter)
{
    std::vector<eql::Token> tokens;
    try {
        tokens = eql::tokenize(filter.toStdString());
    } catch (const eql::EqlError&) {
        return Shape::Unknown;
    }
    if (tokens.empty() || tokens[0].kind == eql::Token::Kind::End)
        return Shape::Empty;
    if (tokens[0].isWord("sequence") || tokens[0].isWord("sample"))
        return Shape::SequenceOrSample;
    if (tokens.size() < 2 || !tokens[1].isWord("where"))
        return Shape::BareCondition;
    for (const eql::Token& token : tokens) {
        if (token.isSymbol("|"))
            return Shape::EventQueryWithPipes;
    }
    return Shape::EventQuery;
}

QString bracketed(const QString& condition)
{
    static const QRegularExpression orWord(QStringLiteral("\\bor\\b"), QRegularExpression::CaseInsensitiveOption);
    return condition.contains(orWord) ? QLatin1Char('(') + condition + QLatin1Char(')') : condition;
}

} // namespace

QString eqlString(const QString& text)
{
    QString out;
    out.reserve(text.size() + 2);
    out += QLatin1Char('"');
    for (const QChar c : text) {
        switch (c.unicode()) {
        case '"':
            out += QLatin1String("\\\"");
            break;
        case '\\':
            out += QLatin1String("\\\\");
            break;
        case '\n':
            out += QLatin1String("\\n");
            break;
        case '\r':
            out += QLatin1String("\\r");
            break;
        case '\t':
            out += QLatin1String("\\t");
            break;
        case '\b':
            out += QLatin1String("\\b");
            break;
        case '\f':
            out += QLatin1String("\\f");
            break;
        default:
            if (c.unicode() < 0x20)
                out += QStringLiteral("\\u{%1}").arg(c.unicode(), 0, 16);
            else
                out += c;
        }
    }
    out += QLatin1Char('"');
    return out;
}

QString eqlField(const QString& path)
{
    const QStringList parts = path.split(QLatin1Char('.'));
    if (std::all_of(parts.begin(), parts.end(), isIdentifier))
        return path;
    QString quoted = path;
    quoted.replace(QLatin1Char('`'), QLatin1String("``"));
    return QLatin1Char('`') + quoted + QLatin1Char('`');
}

QString eqlLiteral(const QVariant& value)
{
    if (!value.isValid() || value.isNull())
        return QStringLiteral("null");
    switch (value.typeId()) {
    case QMetaType::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::LongLong:
    case QMetaType::ULongLong:
    case QMetaType::Long:
    case QMetaType::ULong:
        return value.toString();
    case QMetaType::Double:
    case QMetaType::Float:
        if (std::isfinite(value.toDouble()))
            return QString::number(value.toDouble(), 'g', 17);
        return eqlString(value.toString());
    default:
        return eqlString(value.toString());
    }
}

QString filterInCondition(const QString& field, const QVariant& value)
{
    if (value.typeId() != QMetaType::QStringList)
        return eqlField(field) + QLatin1String(" == ") + eqlLiteral(value);
    const QStringList elements = value.toStringList();
    if (elements.size() == 1)
        return filterInCondition(field, elements.front());
    QStringList conditions;
    for (const QString& element : elements)
        conditions.append(filterInCondition(field, element));
    return conditions.join(QLatin1String(" and "));
}

QString filterOutCondition(const QString& field, const QVariant& value)
{
    if (value.typeId() != QMetaType::QStringList)
        return eqlField(field) + QLatin1String(" != ") + eqlLiteral(value);
    const QStringList elements = value.toStringList();
    if (elements.size() == 1)
        return filterOutCondition(field, elements.front());
    return QLatin1String("not (") + filterInCondition(field, value) + QLatin1Char(')');
}

bool canNarrow(const QString& filter)
{
    const Shape shape = shapeOf(filter);
    return shape == Shape::Empty || shape == Shape::BareCondition || shape == Shape::EventQuery;
}

QString narrowFilter(const QString& filter, const QString& condition)
{
    switch (shapeOf(filter)) {
    case Shape::Empty:
        return condition;
    case Shape::BareCondition:
        return bracketed(filter.trimmed()) + QLatin1String(" and ") + condition;
    case Shape::EventQuery: {
        static const QRegularExpression where(QStringLiteral("^\\s*(\\S+)\\s+where\\s+(.*)$"),
                                              QRegularExpression::DotMatchesEverythingOption);
        const QRegularExpressionMatch match = where.match(filter);
        if (!match.hasMatch())
            return filter;
        return match.captured(1) + QLatin1String(" where ") + bracketed(match.captured(2).trimmed()) +
               QLatin1String(" and ") + condition;
    }
    default:
        return filter;
    }
}

} // namespace spoor::ui
