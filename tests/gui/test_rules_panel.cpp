#include "jobs/job_context.h"
#include "jobs/rule_run_job.h"
#include "main_window.h"
#include "models/findings_model.h"
#include "rules/builtin_rules.h"
#include "rules/rule_edit.h"
#include "rules/rule_loader.h"
#include "rules_panel/eql_highlighter.h"
#include "rules_panel/rule_editor_dialog.h"
#include "rules_panel/rule_settings.h"
#include "rules_panel/rules_model.h"
#include "rules_panel/rules_panel.h"
#include "sample_case.h"
#include "scenario/scenario.h"
#include "store/case_file.h"
#include "store/statement.h"
#include "widgets/message_banner.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>
#include <QTextLayout>
#include <fstream>
#include <memory>

using spoor::store::CaseFile;
using spoor::ui::EqlTokenKind;
using spoor::ui::FindingsModel;
using spoor::ui::RuleEditorDialog;
using spoor::ui::RulesModel;

namespace {

QString builtinRulePath()
{
    return QDir(QStringLiteral(SPOOR_SOURCE_DIR))
        .filePath(QStringLiteral("resources/rules/xz_backdoor_2024-04-01.toml"));
}

void writeFile(const QString& path, const QByteArray& text)
{
    QFile file(path);
    QVERIFY2(file.open(QIODevice::WriteOnly), qPrintable(path));
    file.write(text);
}

// A rule file whose TOML breaks on line 3, column 8 (an unterminated string).
const QByteArray brokenToml = "[rule]\n"
                              "rule_id = \"00000000-0000-0000-0000-000000000001\"\n"
                              "name = \"Broken\n"
                              "query = \"process where true\"\n";

// Valid TOML whose query fails at the second `and`: line 7, column 27 of the file, because the query text
// starts on line 6.
const QByteArray badQueryToml = "[rule]\n"
                                "rule_id = \"00000000-0000-0000-0000-000000000002\"\n"
                                "name = \"Bad query\"\n"
                                "language = \"eql\"\n"
                                "query = '''\n"
                                "process where\n"
                                "  process.name == \"a\" and and\n"
                                "'''\n";

// Collects the kinds the highlighter gave to each character of one line.
std::map<int, EqlTokenKind> kindsByPosition(const std::vector<spoor::ui::EqlTokenSpan>& spans)
{
    std::map<int, EqlTokenKind> kinds;
    for (const auto& span : spans) {
        for (int i = span.start; i < span.start + span.length; ++i)
            kinds[i] = span.kind;
    }
    return kinds;
}

int ruleRunCount(const QString& casePath)
{
    auto caseFile = CaseFile::open(casePath.toStdString(), CaseFile::Access::ReadOnly);
    auto select = caseFile.db().prepare("SELECT count(*) FROM rule_runs");
    select.step();
    return static_cast<int>(select.int64(0));
}

int rowOfSource(const RulesModel& model, const QString& suffix)
{
    for (int row = 0; row < model.rowCount(); ++row) {
        if (model.index(row, RulesModel::SourceColumn).data().toString().endsWith(suffix))
            return row;
    }
    return -1;
}

} // namespace

class TestRulesPanel : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void modelListsBuiltinPack();
    void modelPassesModelTester();
    void brokenRuleShowsPosition();
    void enabledStatePersists();
    void addedPathsPersist();
    void highlighterMarksEachKind();
    void highlighterKeepsBlockState();
    void editorValidationStates();
    void editedRuleRunsAsSecondVersion();
    void historyVersionsListedApart();
    void disabledRuleSkippedByImport();

private:
    QTemporaryDir dir_;
};

void TestRulesPanel::initTestCase()
{
    // The main window's recent files and layout go to a test location, not the user's settings.
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("spoor-tests"));
    QCoreApplication::setApplicationName(QStringLiteral("test_rules_panel"));
    QSettings().clear();
}

void TestRulesPanel::modelListsBuiltinPack()
{
    RulesModel model;
    model.setCase(nullptr, false);
    QCOMPARE(model.rowCount(), static_cast<int>(spoor::rules::builtinRules().size()));
    QCOMPARE(model.index(0, RulesModel::NameColumn).data().toString(),
             QStringLiteral("Potential Execution via XZBackdoor"));
    QCOMPARE(model.index(0, RulesModel::VersionColumn).data().toString(), QStringLiteral("2024/04/01"));
    QCOMPARE(model.index(0, RulesModel::SeverityColumn).data().toString(), QStringLiteral("high"));
    QCOMPARE(model.index(0, RulesModel::RiskScoreColumn).data().toInt(), 73);
    QCOMPARE(model.index(0, RulesModel::LanguageColumn).data().toString(), QStringLiteral("eql"));
    QVERIFY(model.index(0, RulesModel::TechniquesColumn).data().toString().contains(QStringLiteral("T1556")));
    QCOMPARE(model.index(0, RulesModel::StatusColumn).data().toString(), QStringLiteral("ok"));
    QCOMPARE(model.index(0, RulesModel::EnabledColumn).data(Qt::CheckStateRole).toInt(), int(Qt::Checked));
    QVERIFY(model.index(0, 0).data(RulesModel::RunnableRole).toBool());
}

void TestRulesPanel::modelPassesModelTester()
{
    RulesModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setCase(nullptr, false);
    const QString folder = dir_.filePath(QStringLiteral("tester"));
    QVERIFY(QDir().mkpath(folder));
    writeFile(folder + QStringLiteral("/broken.toml"), brokenToml);
    QVERIFY(QFile::copy(builtinRulePath(), folder + QStringLiteral("/xz.toml")));
    model.addPaths({folder});
    QCOMPARE(model.rowCount(), 3);
    model.setEnabled(0, false);
    auto edited = spoor::rules::editedCopy(*model.rule(0), "process where process.name == \"sshd\"", "edited test");
    // Rows: the built-in rule, its copy xz.toml, broken.toml. The edited copy goes after the last row of its rule.
    QCOMPARE(model.addEditedRule(edited), 2);
    QCOMPARE(model.index(2, RulesModel::StatusColumn).data().toString(), QStringLiteral("edited"));
    model.setCase(nullptr, false);
}

void TestRulesPanel::brokenRuleShowsPosition()
{
    const QString folder = dir_.filePath(QStringLiteral("broken"));
    QVERIFY(QDir().mkpath(folder));
    writeFile(folder + QStringLiteral("/a_broken.toml"), brokenToml);
    writeFile(folder + QStringLiteral("/b_bad_query.toml"), badQueryToml);
    QVERIFY(QFile::copy(builtinRulePath(), folder + QStringLiteral("/c_xz.toml")));

    spoor::ui::RulesPanel panel;
    panel.setCase(nullptr, false);
    RulesModel& model = *panel.model();
    const int before = model.rowCount();
    panel.addPaths({folder});
    QCOMPARE(model.rowCount(), before + 3);

    const int broken = rowOfSource(model, QStringLiteral("a_broken.toml"));
    QVERIFY(broken >= 0);
    const QString brokenStatus = model.index(broken, RulesModel::StatusColumn).data().toString();
    QVERIFY2(brokenStatus.startsWith(folder + QStringLiteral("/a_broken.toml:3:")), qPrintable(brokenStatus));
    QVERIFY(!model.index(broken, 0).data(RulesModel::RunnableRole).toBool());
    QVERIFY(!model.index(broken, RulesModel::EnabledColumn).data(Qt::CheckStateRole).isValid());

    const int badQuery = rowOfSource(model, QStringLiteral("b_bad_query.toml"));
    QVERIFY(badQuery >= 0);
    const QString queryStatus = model.index(badQuery, RulesModel::StatusColumn).data().toString();
    QVERIFY2(queryStatus.startsWith(folder + QStringLiteral("/b_bad_query.toml:7:27: ")), qPrintable(queryStatus));
    QCOMPARE(model.index(badQuery, RulesModel::NameColumn).data().toString(), QStringLiteral("Bad query"));
    QVERIFY(!model.index(badQuery, 0).data(RulesModel::RunnableRole).toBool());

    const int good = rowOfSource(model, QStringLiteral("c_xz.toml"));
    QVERIFY(good >= 0);
    QCOMPARE(model.index(good, RulesModel::StatusColumn).data().toString(), QStringLiteral("ok"));
    QCOMPARE(model.runnableRules({broken, badQuery, good}).size(), std::size_t(1));

    // The panel selects the first new row with an error, so that it is in view.
    QCOMPARE(panel.selectedRows(), std::vector<int>{std::min(broken, badQuery)});
}

void TestRulesPanel::enabledStatePersists()
{
    const QString casePath = dir_.filePath(QStringLiteral("enabled.spoor"));
    auto caseFile = std::make_shared<CaseFile>(CaseFile::open(casePath.toStdString()));
    {
        RulesModel model;
        model.setCase(caseFile, true);
        QVERIFY(model.isEnabled(0));
        QVERIFY(model.setData(model.index(0, RulesModel::EnabledColumn), int(Qt::Unchecked), Qt::CheckStateRole));
        QVERIFY(!model.isEnabled(0));
        QVERIFY(model.enabledRules().empty());
    }
    {
        RulesModel reopened;
        reopened.setCase(std::make_shared<CaseFile>(CaseFile::open(casePath.toStdString())), true);
        QVERIFY(!reopened.isEnabled(0));
        QCOMPARE(reopened.index(0, RulesModel::EnabledColumn).data(Qt::CheckStateRole).toInt(), int(Qt::Unchecked));
        reopened.setEnabled(0, true);
    }
    RulesModel again;
    again.setCase(std::make_shared<CaseFile>(CaseFile::open(casePath.toStdString())), true);
    QVERIFY(again.isEnabled(0));

    // A read-only case keeps the choice for the session only.
    RulesModel readOnly;
    readOnly.setCase(std::make_shared<CaseFile>(CaseFile::open(casePath.toStdString())), false);
    readOnly.setEnabled(0, false);
    RulesModel afterReadOnly;
    afterReadOnly.setCase(std::make_shared<CaseFile>(CaseFile::open(casePath.toStdString())), true);
    QVERIFY(afterReadOnly.isEnabled(0));
}

void TestRulesPanel::addedPathsPersist()
{
    const QString casePath = dir_.filePath(QStringLiteral("paths.spoor"));
    const QString rulePath = dir_.filePath(QStringLiteral("persisted.toml"));
    QVERIFY(QFile::copy(builtinRulePath(), rulePath));
    {
        RulesModel model;
        model.setCase(std::make_shared<CaseFile>(CaseFile::open(casePath.toStdString())), true);
        QCOMPARE(model.addPaths({rulePath}), 0);
        model.setEnabled(model.rowCount() - 1, false);
    }
    RulesModel reopened;
    reopened.setCase(std::make_shared<CaseFile>(CaseFile::open(casePath.toStdString())), true);
    const int row = rowOfSource(reopened, QStringLiteral("persisted.toml"));
    QVERIFY(row > 0);
    // The built-in rule and the added file are the same rule version, so disabling one disables both.
    QVERIFY(!reopened.isEnabled(row));
}

void TestRulesPanel::highlighterMarksEachKind()
{
    const QString line =
        QStringLiteral("sequence by host.id [process where startsWith(process.name, \"ssh\") and pid > 10] // x");
    auto state = spoor::ui::EqlLineState::Normal;
    const auto kinds = kindsByPosition(spoor::ui::scanEqlLine(line, state));
    QCOMPARE(state, spoor::ui::EqlLineState::Normal);
    const auto kindAt = [&](const QString& text) {
        const auto position = static_cast<int>(line.indexOf(text));
        return kinds.count(position) ? std::optional(kinds.at(position)) : std::nullopt;
    };
    QCOMPARE(kindAt(QStringLiteral("sequence")), EqlTokenKind::Keyword);
    QCOMPARE(kindAt(QStringLiteral("by")), EqlTokenKind::Keyword);
    QCOMPARE(kindAt(QStringLiteral("host.id")), EqlTokenKind::Field);
    QCOMPARE(kindAt(QStringLiteral("[")), EqlTokenKind::Operator);
    QCOMPARE(kindAt(QStringLiteral("process where")), EqlTokenKind::Keyword);
    QCOMPARE(kindAt(QStringLiteral("startsWith")), EqlTokenKind::Function);
    QCOMPARE(kindAt(QStringLiteral("process.name")), EqlTokenKind::Field);
    QCOMPARE(kindAt(QStringLiteral("\"ssh\"")), EqlTokenKind::String);
    QCOMPARE(kinds.at(static_cast<int>(line.indexOf(QStringLiteral("\"ssh\""))) + 4), EqlTokenKind::String);
    QCOMPARE(kindAt(QStringLiteral(">")), EqlTokenKind::Operator);
    QCOMPARE(kindAt(QStringLiteral("10")), EqlTokenKind::Number);
    QCOMPARE(kindAt(QStringLiteral("// x")), EqlTokenKind::Comment);
    QCOMPARE(kindAt(QStringLiteral(" x")), EqlTokenKind::Comment);

    // The QSyntaxHighlighter applies the same formats to a document.
    QTextDocument document(QStringLiteral("process where pid == 1"));
    spoor::ui::EqlHighlighter highlighter(&document);
    highlighter.rehighlight();
    const QList<QTextLayout::FormatRange> formats = document.firstBlock().layout()->formats();
    QVERIFY(!formats.isEmpty());
    bool numberColoured = false;
    for (const auto& range : formats) {
        if (range.start == 21 && range.format.foreground() == highlighter.format(EqlTokenKind::Number).foreground())
            numberColoured = true;
    }
    QVERIFY(numberColoured);
}

void TestRulesPanel::highlighterKeepsBlockState()
{
    auto state = spoor::ui::EqlLineState::Normal;
    auto spans = spoor::ui::scanEqlLine(u"process where /* open", state);
    QCOMPARE(state, spoor::ui::EqlLineState::InComment);
    spans = spoor::ui::scanEqlLine(u"still comment */ pid", state);
    QCOMPARE(state, spoor::ui::EqlLineState::Normal);
    QCOMPARE(spans.front().kind, EqlTokenKind::Comment);
    QCOMPARE(spans.front().length, 16);
    QCOMPARE(spans.back().kind, EqlTokenKind::Field);

    spans = spoor::ui::scanEqlLine(u"x == \"\"\"raw", state);
    QCOMPARE(state, spoor::ui::EqlLineState::InTripleString);
    spans = spoor::ui::scanEqlLine(u"text\"\"\" and", state);
    QCOMPARE(state, spoor::ui::EqlLineState::Normal);
    QCOMPARE(spans.front().kind, EqlTokenKind::String);
    QCOMPARE(spans.back().kind, EqlTokenKind::Keyword);

    // Incomplete text still gets spans and never throws.
    spans = spoor::ui::scanEqlLine(u"process.name == \"unterminated", state);
    QCOMPARE(spans.back().kind, EqlTokenKind::String);
}

void TestRulesPanel::editorValidationStates()
{
    RuleEditorDialog dialog(spoor::rules::builtinRules().front());
    QVERIFY(dialog.validation().valid);
    QVERIFY(!dialog.runButton()->isEnabled()); // nothing changed yet
    QVERIFY(dialog.editor()->extraSelections().isEmpty());

    dialog.editor()->setPlainText(QStringLiteral("process where\n  process.name == \"sshd\" and and"));
    QVERIFY(!dialog.runButton()->isEnabled()); // until validated after the typing pause
    QTRY_VERIFY_WITH_TIMEOUT(!dialog.validation().valid && dialog.validation().line > 0, 5000);
    QCOMPARE(dialog.validation().line, 2);
    QCOMPARE(dialog.validation().column, 30);
    QVERIFY(!dialog.validation().message.isEmpty());
    QVERIFY(dialog.statusText().startsWith(QStringLiteral("Line 2, column 30: ")));
    QVERIFY(!dialog.runButton()->isEnabled());
    const auto selections = dialog.editor()->extraSelections();
    QCOMPARE(selections.size(), 1);
    QCOMPARE(selections.front().cursor.block().blockNumber(), 1);
    QCOMPARE(selections.front().cursor.selectionStart() - selections.front().cursor.block().position(), 29);
    QCOMPARE(selections.front().format.underlineStyle(), QTextCharFormat::WaveUnderline);

    dialog.editor()->setPlainText(QStringLiteral("process where process.name == \"sshd\""));
    dialog.validateNow();
    QVERIFY(dialog.validation().valid);
    QCOMPARE(dialog.statusText(), QStringLiteral("Valid EQL."));
    QVERIFY(dialog.runButton()->isEnabled());
    QVERIFY(dialog.editor()->extraSelections().isEmpty());
}

void TestRulesPanel::editedRuleRunsAsSecondVersion()
{
    SPOOR_REQUIRE_SAMPLE(dump);
    const QString casePath = dir_.filePath(QStringLiteral("edited.spoor"));
    const spoor::ui::ImportOutcome imported = importSample(dump, casePath);
    QCOMPARE(imported.ruleRuns.size(), std::size_t(1));
    QCOMPARE(imported.ruleRuns.front().status, std::string("complete"));
    const std::size_t originalFindings = imported.ruleRuns.front().findingIds.size();
    QVERIFY(originalFindings > 0);

    spoor::ui::RulesPanel panel;
    auto caseFile = std::make_shared<CaseFile>(CaseFile::open(casePath.toStdString()));
    panel.setCase(caseFile, true);
    RuleEditorDialog* dialog = panel.editRule(0);
    QVERIFY(dialog);
    // A longer maxspan keeps every match of the original and may add some.
    QString query = dialog->editor()->toPlainText();
    QVERIFY(query.contains(QStringLiteral("maxspan=1s")));
    query.replace(QStringLiteral("maxspan=1s"), QStringLiteral("maxspan=30s"));
    dialog->editor()->setPlainText(query);
    dialog->validateNow();
    QVERIFY(dialog->runButton()->isEnabled());

    std::vector<spoor::rules::Rule> requested;
    connect(&panel, &spoor::ui::RulesPanel::runRequested, this,
            [&requested](const std::vector<spoor::rules::Rule>& rules) { requested = rules; });
    panel.setRunAllowed(true);
    dialog->runButton()->click();
    QCOMPARE(requested.size(), std::size_t(1));
    const spoor::rules::Rule& edited = requested.front();
    QVERIFY(QString::fromStdString(edited.updatedDate).startsWith(QStringLiteral("edited 20")));
    QVERIFY(edited.query.find("maxspan=30s") != std::string::npos);
    QCOMPARE(edited.ruleId, spoor::rules::builtinRules().front().ruleId);
    QCOMPARE(panel.model()->rowCount(), 2);
    QCOMPARE(panel.model()->index(1, RulesModel::VersionColumn).data().toString(),
             QString::fromStdString(edited.updatedDate));

    spoor::ui::JobContext context;
    const spoor::ui::ImportOutcome run = spoor::ui::runRulesOnCase(casePath, requested, context);
    QCOMPARE(run.ruleRuns.size(), std::size_t(1));
    QCOMPARE(run.ruleRuns.front().status, std::string("complete"));
    const std::size_t editedFindings = run.ruleRuns.front().findingIds.size();
    QVERIFY(editedFindings >= originalFindings);

    // Two rule versions of one rule_id, each with its own query hash.
    auto versions = caseFile->db().prepare("SELECT count(DISTINCT query_hash) FROM rules WHERE rule_id = ?");
    versions.bind(1, edited.ruleId);
    QVERIFY(versions.step());
    QCOMPARE(versions.int64(0), 2);

    FindingsModel findings;
    findings.setCase(caseFile);
    QCOMPARE(findings.findingCount(), static_cast<int>(originalFindings + editedFindings));
    findings.setGrouping(spoor::analysis::GroupKey::RuleVersion);
    QCOMPARE(findings.rowCount(), 2);
    std::map<QString, int> counts;
    for (int row = 0; row < findings.rowCount(); ++row) {
        const QModelIndex group = findings.index(row, FindingsModel::RuleColumn);
        counts[group.data().toString()] = findings.rowCount(group);
    }
    const QString originalLabel = QStringLiteral("Potential Execution via XZBackdoor (2024/04/01)");
    const QString editedLabel =
        QStringLiteral("Potential Execution via XZBackdoor (%1)").arg(QString::fromStdString(edited.updatedDate));
    QCOMPARE(counts[originalLabel], static_cast<int>(originalFindings));
    QCOMPARE(counts[editedLabel], static_cast<int>(editedFindings));

    // Reopening the case lists the stored edited copy next to the original again.
    RulesModel reopened;
    reopened.setCase(std::make_shared<CaseFile>(CaseFile::open(casePath.toStdString())), true);
    QCOMPARE(reopened.rowCount(), 2);
    QCOMPARE(reopened.index(1, RulesModel::StatusColumn).data().toString(), QStringLiteral("edited"));
    QCOMPARE(reopened.rule(1)->query, edited.query);
}

void TestRulesPanel::historyVersionsListedApart()
{
    SPOOR_REQUIRE_SAMPLE(dump);
    SPOOR_REQUIRE_SHARED(history, "rules/xzbackdoor-history");
    const QString casePath = dir_.filePath(QStringLiteral("history.spoor"));
    const spoor::ui::ImportOutcome imported = importSample(dump, casePath);
    QCOMPARE(imported.ruleRuns.size(), std::size_t(1));

    RulesModel model;
    model.setCase(std::make_shared<CaseFile>(CaseFile::open(casePath.toStdString())), true);
    model.addPaths({history});
    // The 2024-05-22 file has the updated_date and query of the built-in rule, so it is the same version and
    // shares its rules row. The 2024-05-23 and 2026-04-01 files are versions of their own.
    const int same = rowOfSource(
        model, QStringLiteral("2024-05-22_2c3dbfc039_persistence_suspicious_ssh_execution_xzbackdoor.toml"));
    QVERIFY(same > 0);
    QCOMPARE(spoor::ui::ruleVersionKey(*model.rule(same)), spoor::ui::ruleVersionKey(*model.rule(0)));
    const int first = rowOfSource(
        model, QStringLiteral("2024-05-23_63e91c2f12_persistence_suspicious_ssh_execution_xzbackdoor.toml"));
    const int latest = rowOfSource(
        model, QStringLiteral("2026-04-01_8993d1450b_persistence_suspicious_ssh_execution_xzbackdoor.toml"));
    QVERIFY(first > 0);
    QVERIFY(latest > 0);
    const auto rules = model.runnableRules({first, latest});
    QCOMPARE(rules.size(), std::size_t(2));
    QVERIFY(rules[0].updatedDate != rules[1].updatedDate);

    spoor::ui::JobContext context;
    const spoor::ui::ImportOutcome run = spoor::ui::runRulesOnCase(casePath, rules, context);
    QCOMPARE(run.ruleRuns.size(), std::size_t(2));
    FindingsModel findings;
    findings.setCase(std::make_shared<CaseFile>(CaseFile::open(casePath.toStdString())));
    findings.setGrouping(spoor::analysis::GroupKey::RuleVersion);
    // One group per rule version with findings, each holding exactly the findings of its run.
    std::map<QString, int> groups;
    for (int row = 0; row < findings.rowCount(); ++row) {
        const QModelIndex group = findings.index(row, FindingsModel::RuleColumn);
        groups[group.data().toString()] = findings.rowCount(group);
    }
    std::map<QString, int> expected;
    expected[QStringLiteral("Potential Execution via XZBackdoor (2024/04/01)")] =
        static_cast<int>(imported.ruleRuns.front().findingIds.size());
    for (std::size_t index = 0; index < run.ruleRuns.size(); ++index) {
        QCOMPARE(run.ruleRuns[index].status, std::string("complete"));
        const QString label = QStringLiteral("%1 (%2)").arg(QString::fromStdString(rules[index].name),
                                                            QString::fromStdString(rules[index].updatedDate));
        if (!run.ruleRuns[index].findingIds.empty())
            expected[label] = static_cast<int>(run.ruleRuns[index].findingIds.size());
    }
    QCOMPARE(groups, expected);
    QVERIFY(expected.size() >= 2);
}

void TestRulesPanel::disabledRuleSkippedByImport()
{
    SPOOR_REQUIRE_SAMPLE(dump);
    const QString casePath = dir_.filePath(QStringLiteral("disabled.spoor"));
    QCOMPARE(importSample(dump, casePath).ruleRuns.size(), std::size_t(1));
    QCOMPARE(ruleRunCount(casePath), 1);
    {
        RulesModel model;
        model.setCase(std::make_shared<CaseFile>(CaseFile::open(casePath.toStdString())), true);
        model.setEnabled(0, false);
    }

    // Running the built-in rules again skips the disabled one.
    spoor::ui::JobContext context;
    const spoor::ui::ImportOutcome rerun = spoor::ui::runImport({casePath, {}, true, {}}, context);
    QVERIFY(rerun.ruleRuns.empty());
    QCOMPARE(rerun.disabledRules, 1);
    QCOMPARE(ruleRunCount(casePath), 1);

    // So does the import of another dump into the case.
    const QString second = dir_.filePath(QStringLiteral("second.ndjson"));
    {
        std::ofstream out(second.toStdString());
        spoor::scenario::Options options;
        options.linuxHosts = 1;
        options.windowsHosts = 0;
        options.minutes = 5;
        options.seed = 7;
        spoor::scenario::generate(options, out);
    }
    const spoor::ui::ImportOutcome imported = spoor::ui::runImport({casePath, {second}, true, {}}, context);
    QVERIFY(imported.imported);
    QVERIFY(imported.summary.events() > 0);
    QVERIFY(imported.ruleRuns.empty());
    QCOMPARE(ruleRunCount(casePath), 1);

    // The window's "Run built-in rules again" runs nothing, and the banner gives the reason.
    spoor::ui::MainWindow window;
    window.openCase(casePath);
    window.rerunBuiltinRules();
    QTRY_VERIFY_WITH_TIMEOUT(!window.isBusy(), 60'000);
    QCOMPARE(ruleRunCount(casePath), 1);
    QVERIFY2(window.banner()->text().contains(QLatin1String("disabled in the rules panel")),
             qPrintable(window.banner()->text()));

    // Enabled again, the rule runs.
    window.rulesPanel()->model()->setEnabled(0, true);
    window.rerunBuiltinRules();
    QTRY_VERIFY_WITH_TIMEOUT(!window.isBusy(), 60'000);
    QCOMPARE(ruleRunCount(casePath), 2);
}

QTEST_MAIN(TestRulesPanel)
#include "test_rules_panel.moc"
