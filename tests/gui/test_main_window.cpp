#include "analysis/process_tree.h"
#include "analysis/verdicts.h"
#include "finding_steps.h"
#include "main_window.h"
#include "models/event_table_model.h"
#include "models/findings_model.h"
#include "models/process_tree_model.h"
#include "review_state.h"
#include "sample_case.h"
#include "store/case_file.h"
#include "store/statement.h"
#include "timeline/sshd_timeline_view.h"
#include "timeline/timeline_canvas.h"
#include "widgets/event_detail_view.h"
#include "widgets/finding_detail_view.h"
#include "widgets/findings_panel.h"
#include "widgets/message_banner.h"

#include <QAction>
#include <QFile>
#include <QItemSelectionModel>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QTreeView>
#include <set>

using spoor::store::CaseFile;
using spoor::ui::FindingsModel;
using spoor::ui::FindingsPanel;
using spoor::ui::MainWindow;
using spoor::ui::ProcessTreeModel;
using spoor::ui::ReviewState;

namespace {

constexpr int jobTimeoutMs = 120'000;

// A benign XZ-rule match has the pam_motd "run-parts ... update-motd.d" command or unix_chkpwd as its
// second step; anything else under sshd looks like the backdoor's payload.
bool looksMalicious(const spoor::store::Database& db, const std::vector<spoor::ui::FindingStep>& steps)
{
    if (steps.size() < 2 || !steps[1].eventId)
        return false;
    auto select = db.prepare("SELECT coalesce(process_name, ''), coalesce(command_line, '') FROM events WHERE id = ?");
    select.bind(1, *steps[1].eventId);
    if (!select.step())
        return false;
    return select.text(0) != "unix_chkpwd" && select.text(1).find("update-motd") == std::string::npos;
}

// The event.id values of the exploitation's four steps, from the scenario's truth file.
QStringList exploitationEventIds()
{
    QFile file(sharedPath(QStringLiteral("corpus/scenarios/xz-basic.truth.json")));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QJsonArray matches =
        QJsonDocument::fromJson(file.readAll()).object().value(QLatin1String("rule_matches")).toArray();
    for (const QJsonValue& match : matches) {
        if (match.toObject().value(QLatin1String("case")).toString() != QLatin1String("xz_exploit"))
            continue;
        QStringList ids;
        for (const QJsonValue& id : match.toObject().value(QLatin1String("events")).toArray())
            ids.append(id.toString());
        return ids;
    }
    return {};
}

QStringList stepEventIds(CaseFile& caseFile, std::int64_t findingId)
{
    auto select = caseFile.db().prepare("SELECT e.event_id FROM finding_events fe JOIN events e ON e.id = fe.event"
                                        " WHERE fe.finding = ? ORDER BY fe.step");
    select.bind(1, findingId);
    QStringList ids;
    while (select.step())
        ids.append(QString::fromStdString(select.text(0)));
    return ids;
}

// Returns the first column of the first row of a query, or -1 when it returns no row.
int scalarInt(CaseFile& caseFile, const char* sql)
{
    auto select = caseFile.db().prepare(sql);
    return select.step() ? int(select.int64(0)) : -1;
}

int countFindings(CaseFile& caseFile, const char* condition)
{
    return scalarInt(caseFile, (std::string("SELECT count(*) FROM findings WHERE ") + condition).c_str());
}

} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT

private slots:
    void findingLinksEveryView()
    {
        SPOOR_REQUIRE_SAMPLE(dump);
        QTemporaryDir dir;
        const QString casePath = dir.filePath(QStringLiteral("smoke.spoor"));
        MainWindow window;
        window.show();
        window.importDumps({dump}, casePath);
        QVERIFY(window.isBusy());
        QTRY_VERIFY_WITH_TIMEOUT(!window.isBusy(), jobTimeoutMs);

        QCOMPARE(window.casePath(), casePath);
        QVERIFY(window.banner()->isVisible());
        QVERIFY2(window.banner()->text().contains(QLatin1String("events imported")),
                 qPrintable(window.banner()->text()));
        QVERIFY(window.eventsModel()->rowCount() > 0);
        QVERIFY(window.findingsModel()->findingCount() > 0);

        window.findingsPanel()->setGrouping(FindingsPanel::Grouping::None);
        auto caseFile = CaseFile::open(casePath.toStdString(), CaseFile::Access::ReadOnly);
        QModelIndex finding;
        std::vector<spoor::ui::FindingStep> steps;
        for (int row = 0; row < window.findingsModel()->rowCount() && !finding.isValid(); ++row) {
            const QModelIndex index = window.findingsModel()->index(row, 0);
            steps = spoor::ui::loadFindingSteps(caseFile.db(), window.findingsModel()->findingId(index));
            if (looksMalicious(caseFile.db(), steps))
                finding = index;
        }
        QVERIFY2(finding.isValid(), "no finding whose second step is neither pam_motd nor unix_chkpwd");
        QCOMPARE(steps.size(), std::size_t(4));

        window.findingsView()->setCurrentIndex(finding);
        QCOMPARE(window.findingDetailView()->findingId(), window.findingsModel()->findingId(finding));

        // Event table: exactly the step events are selected, step 1 is current.
        std::set<qint64> expected;
        for (const auto& step : steps)
            expected.insert(*step.eventId);
        std::set<qint64> selected;
        for (const QModelIndex& index : window.eventTable()->selectionModel()->selectedRows())
            selected.insert(index.data(spoor::ui::EventTableModel::EventIdRole).value<qint64>());
        QCOMPARE(selected, expected);
        QCOMPARE(window.eventTable()->currentIndex().data(spoor::ui::EventTableModel::EventIdRole).value<qint64>(),
                 *steps[0].eventId);
        QCOMPARE(window.detailView()->eventId(), *steps[0].eventId);

        // Process tree: the current item is step 1's process, with its ancestry expanded.
        const auto stepOneProcess = spoor::analysis::processForEvent(caseFile.db(), *steps[0].eventId);
        QVERIFY(stepOneProcess);
        const QModelIndex current = window.processTree()->currentIndex();
        QCOMPARE(current.data(spoor::ui::ProcessTreeModel::ProcessIdRole).value<qint64>(), stepOneProcess->id);
        for (QModelIndex ancestor = current.parent(); ancestor.isValid(); ancestor = ancestor.parent())
            QVERIFY(window.processTree()->isExpanded(ancestor));
        const auto stepTwoProcess = spoor::analysis::processForEvent(caseFile.db(), *steps[1].eventId);
        QVERIFY(stepTwoProcess);
        const QModelIndex stepTwo = window.processModel()->indexForProcess(stepTwoProcess->id);
        QVERIFY(window.processTree()->selectionModel()->isSelected(stepTwo));

        // Timeline: the four steps are marked, in order, on one lane.
        const auto& marks = window.timeline()->stepMarks();
        QCOMPARE(marks.size(), std::size_t(4));
        for (std::size_t index = 0; index < marks.size(); ++index) {
            QCOMPARE(marks[index].number, int(index) + 1);
            QCOMPARE(marks[index].eventId, *steps[index].eventId);
            QCOMPARE(marks[index].lane, marks[0].lane);
        }
        QCOMPARE(window.timeline()->lanes()[std::size_t(marks[0].lane)].processId, stepOneProcess->id);
        QCOMPARE(window.timeline()->canvas()->stepFill(), reviewColor(ReviewState::Unreviewed));
    }

    void triageGroupsVerdictsExclusions()
    {
        SPOOR_REQUIRE_SHARED(dump, "corpus/scenarios/xz-basic.ndjson");
        const QStringList exploitEvents = exploitationEventIds();
        QCOMPARE(exploitEvents.size(), 4);
        QTemporaryDir dir;
        const QString casePath = dir.filePath(QStringLiteral("triage.spoor"));
        MainWindow window;
        window.show();
        window.importDumps({dump}, casePath);
        QTRY_VERIFY_WITH_TIMEOUT(!window.isBusy(), jobTimeoutMs);
        FindingsModel* model = window.findingsModel();
        FindingsPanel* panel = window.findingsPanel();
        QCOMPARE(model->findingCount(), 23);

        // Grouped by the command line of step 2: pam_motd's run-parts, unix_chkpwd, and the payload alone.
        panel->setGrouping(FindingsPanel::Grouping::CommandLine, 2);
        QCOMPARE(model->rowCount(), 3);
        const QModelIndex motd = model->index(0, 0);
        QVERIFY2(motd.data().toString().contains(QLatin1String("run-parts --lsbsysinit /etc/update-motd.d")),
                 qPrintable(motd.data().toString()));
        QCOMPARE(model->rowCount(motd), 21);
        QCOMPARE(motd.siblingAtColumn(FindingsModel::CountColumn).data().toString(), QStringLiteral("21"));
        auto caseFile = CaseFile::open(casePath.toStdString(), CaseFile::Access::ReadOnly);
        std::int64_t exploitFinding = 0;
        for (int row = 1; row < 3; ++row) {
            const QModelIndex group = model->index(row, 0);
            QCOMPARE(model->rowCount(group), 1);
            QVERIFY2(window.findingsView()->isExpanded(group), "a group of one finding is opened");
            const std::int64_t findingId = model->findingId(model->index(0, 0, group));
            if (group.data().toString().contains(QLatin1String("unix_chkpwd")))
                continue;
            QCOMPARE(stepEventIds(caseFile, findingId), exploitEvents);
            exploitFinding = findingId;
        }
        QVERIFY2(exploitFinding != 0, "the exploitation is not alone in its group");

        // Mark the motd group benign: stored in the case and shown in the list, the tree and the timeline.
        window.findingsView()->setCurrentIndex(motd);
        QVERIFY(panel->markBenignAction()->isEnabled());
        QVERIFY(panel->markSelection(spoor::analysis::Verdict::Benign, QStringLiteral("pam_motd at login")));
        QCOMPARE(countFindings(caseFile, "verdict = 'benign' AND verdict_reason = 'pam_motd at login'"), 21);
        const QModelIndex motdAfter = model->index(0, 0);
        QCOMPARE(motdAfter.data(FindingsModel::ReviewStateRole).toInt(), int(ReviewState::Benign));
        QCOMPARE(motdAfter.siblingAtColumn(FindingsModel::VerdictColumn).data().toString(), QStringLiteral("benign"));
        const QModelIndex motdFinding = model->index(0, 0, motdAfter);
        QCOMPARE(motdFinding.siblingAtColumn(FindingsModel::VerdictColumn).data().toString(), QStringLiteral("benign"));
        window.findingsView()->setCurrentIndex(motdFinding);
        QCOMPARE(window.timeline()->canvas()->stepFill(), reviewColor(ReviewState::Benign));
        QVERIFY(window.findingDetailView()->browser()->toPlainText().contains(QLatin1String("pam_motd at login")));
        const auto motdSteps = spoor::ui::loadFindingSteps(caseFile.db(), model->findingId(motdFinding));
        const auto motdProcess = spoor::analysis::processForEvent(caseFile.db(), *motdSteps[1].eventId);
        QVERIFY(motdProcess);
        // The tree's badges load on a worker thread after a verdict changes.
        QTRY_COMPARE(
            window.processModel()->indexForProcess(motdProcess->id).data(ProcessTreeModel::ReviewStateRole).toInt(),
            int(ReviewState::Benign));

        // Exclude the group, run the rule again: the new motd findings come back benign, the payload does not.
        // They take the verdict of the identical findings excluded above, which wins over the exclusion itself.
        window.findingsView()->setCurrentIndex(model->index(0, 0));
        QVERIFY(panel->excludeAction()->isEnabled());
        QVERIFY(panel->excludeCurrentGroup(QStringLiteral("pam_motd runs run-parts at every login")));
        QCOMPARE(scalarInt(caseFile, "SELECT count(*) FROM exclusions"), 1);
        const int runsBefore = scalarInt(caseFile, "SELECT count(*) FROM rule_runs");
        window.rerunBuiltinRules();
        QVERIFY(window.isBusy());
        QTRY_VERIFY_WITH_TIMEOUT(!window.isBusy(), jobTimeoutMs);
        QCOMPARE(scalarInt(caseFile, "SELECT count(*) FROM rule_runs"), runsBefore + 1);
        QVERIFY2(window.banner()->text().contains(
                     QLatin1String("21 verdicts copied from identical findings of earlier runs")),
                 qPrintable(window.banner()->text()));
        QVERIFY2(!window.banner()->text().contains(QLatin1String("marked benign by exclusions")),
                 qPrintable(window.banner()->text()));
        QCOMPARE(model->findingCount(), 23);
        QCOMPARE(model->rowCount(), 3);
        const QModelIndex rerunMotd = model->index(0, 0);
        QCOMPARE(rerunMotd.data(FindingsModel::ReviewStateRole).toInt(), int(ReviewState::Benign));
        for (int row = 0; row < model->rowCount(rerunMotd); ++row) {
            const QModelIndex finding = model->index(row, FindingsModel::VerdictColumn, rerunMotd);
            QCOMPARE(finding.data().toString(), QStringLiteral("benign"));
            const QString tip = finding.data(Qt::ToolTipRole).toString();
            QVERIFY2(tip.contains(QLatin1String("Copied from finding")), qPrintable(tip));
            QVERIFY2(tip.contains(QLatin1String("pam_motd runs run-parts")), qPrintable(tip));
        }
        QCOMPARE(countFindings(caseFile, "verdict_reason LIKE 'Copied from finding %' AND run = (SELECT max(id) FROM "
                                         "rule_runs)"),
                 21);
        QCOMPARE(countFindings(caseFile, "verdict IS NULL AND run = (SELECT max(id) FROM rule_runs)"), 2);

        // Hide benign: the payload and unix_chkpwd are left. Mark the payload malicious.
        panel->setHideBenign(true);
        QCOMPARE(model->findingCount(), 2);
        QModelIndex exploit;
        for (int row = 0; row < model->rowCount() && !exploit.isValid(); ++row) {
            const QModelIndex group = model->index(row, 0);
            if (!group.data().toString().contains(QLatin1String("unix_chkpwd")))
                exploit = model->index(0, 0, group);
        }
        QVERIFY(exploit.isValid());
        window.findingsView()->setCurrentIndex(exploit);
        QVERIFY(panel->markSelection(spoor::analysis::Verdict::Malicious, QStringLiteral("xz backdoor payload")));
        QCOMPARE(window.timeline()->canvas()->stepFill(), reviewColor(ReviewState::Malicious));
        QCOMPARE(model->findingId(window.findingsView()->currentIndex()),
                 scalarInt(caseFile, "SELECT id FROM findings WHERE verdict = 'malicious'"));

        panel->setHideBenign(false);
        window.findingsView()->setCurrentIndex(
            model->indexOfFinding(scalarInt(caseFile, "SELECT id FROM findings WHERE verdict = 'malicious'")));
        if (qEnvironmentVariableIsSet("SPOOR_SCREENSHOT")) {
            const QString path = qEnvironmentVariable("SPOOR_SCREENSHOT");
            QTest::qWait(200);
            QVERIFY2(window.grab().save(path), qPrintable(path));
        }

        // A verdict without a reason is rejected and the banner shows the error.
        QVERIFY(!panel->markSelection(spoor::analysis::Verdict::Benign, QStringLiteral("  ")));
        QCOMPARE(window.banner()->kind(), spoor::ui::MessageBanner::Kind::Error);
        QVERIFY(window.banner()->text().contains(QLatin1String("reason")));
        QCOMPARE(countFindings(caseFile, "verdict = 'malicious'"), 1);
    }

    void cancelStopsImport()
    {
        SPOOR_REQUIRE_SAMPLE(dump);
        QTemporaryDir dir;
        const QString casePath = dir.filePath(QStringLiteral("cancelled.spoor"));
        MainWindow window;
        window.importDumps({dump}, casePath);
        window.cancelJob();
        QTRY_VERIFY_WITH_TIMEOUT(!window.isBusy(), jobTimeoutMs);

        QCOMPARE(window.banner()->kind(), spoor::ui::MessageBanner::Kind::Warning);
        QVERIFY2(window.banner()->text().contains(QLatin1String("cancelled")), qPrintable(window.banner()->text()));
        QCOMPARE(window.findingsModel()->rowCount(), 0);
        auto caseFile = CaseFile::open(casePath.toStdString(), CaseFile::Access::ReadOnly);
        auto runs = caseFile.db().prepare("SELECT count(*) FROM rule_runs");
        QVERIFY(runs.step());
        QCOMPARE(runs.int64(0), std::int64_t(0));
    }

    void newerImportSupersedesOlder()
    {
        SPOOR_REQUIRE_SAMPLE(dump);
        QTemporaryDir dir;
        const QString first = dir.filePath(QStringLiteral("first.spoor"));
        const QString second = dir.filePath(QStringLiteral("second.spoor"));
        MainWindow window;
        window.importDumps({dump}, first);
        window.importDumps({dump}, second);
        QTRY_VERIFY_WITH_TIMEOUT(!window.isBusy(), jobTimeoutMs);
        QCOMPARE(window.casePath(), second);
        QVERIFY(window.findingsModel()->rowCount() > 0);
    }

    void exportWritesHtmlAndJson()
    {
        SPOOR_REQUIRE_SAMPLE(dump);
        QTemporaryDir dir;
        const QString casePath = dir.filePath(QStringLiteral("export.spoor"));
        importSample(dump, casePath);
        MainWindow window;
        window.openCase(casePath);
        QCOMPARE(window.casePath(), casePath);

        const QString html = dir.filePath(QStringLiteral("report.html"));
        window.exportReport(html, spoor::ui::ReportFormat::Html);
        QTRY_VERIFY_WITH_TIMEOUT(!window.isBusy(), jobTimeoutMs);
        QFile htmlFile(html);
        QVERIFY(htmlFile.open(QIODevice::ReadOnly));
        QVERIFY(htmlFile.readAll().contains("XZBackdoor"));

        const QString json = dir.filePath(QStringLiteral("report.json"));
        window.exportReport(json, spoor::ui::ReportFormat::Json);
        QTRY_VERIFY_WITH_TIMEOUT(!window.isBusy(), jobTimeoutMs);
        QFile jsonFile(json);
        QVERIFY(jsonFile.open(QIODevice::ReadOnly));
        QVERIFY(jsonFile.readAll().startsWith("{"));
        QVERIFY(window.banner()->text().contains(QLatin1String("report.json")));
    }

    void exportFailureShowsError()
    {
        SPOOR_REQUIRE_SAMPLE(dump);
        QTemporaryDir dir;
        const QString casePath = dir.filePath(QStringLiteral("export.spoor"));
        importSample(dump, casePath);
        MainWindow window;
        window.openCase(casePath);
        window.exportReport(dir.filePath(QStringLiteral("missing/folder/report.html")), spoor::ui::ReportFormat::Html);
        QTRY_VERIFY_WITH_TIMEOUT(!window.isBusy(), jobTimeoutMs);
        QCOMPARE(window.banner()->kind(), spoor::ui::MessageBanner::Kind::Error);
        QVERIFY2(window.banner()->text().contains(QLatin1String("report.html")), qPrintable(window.banner()->text()));
    }

    void openMissingFileShowsError()
    {
        MainWindow window;
        window.openPaths({QStringLiteral("/nonexistent/dump.ndjson")}, MainWindow::CaseLocation::Automatic);
        QVERIFY(!window.isBusy());
        QCOMPARE(window.banner()->kind(), spoor::ui::MessageBanner::Kind::Error);
        QVERIFY(window.banner()->text().contains(QLatin1String("/nonexistent/dump.ndjson")));
    }
};

QTEST_MAIN(TestMainWindow)
#include "test_main_window.moc"
