#include "analysis/process_tree.h"
#include "finding_steps.h"
#include "main_window.h"
#include "models/event_table_model.h"
#include "models/findings_model.h"
#include "models/process_tree_model.h"
#include "sample_case.h"
#include "store/case_file.h"
#include "store/statement.h"
#include "timeline/sshd_timeline_view.h"
#include "widgets/event_detail_view.h"
#include "widgets/message_banner.h"

#include <QFile>
#include <QItemSelectionModel>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>
#include <set>

using spoor::store::CaseFile;
using spoor::ui::MainWindow;

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
        QVERIFY(window.findingsModel()->rowCount() > 0);

        auto caseFile = CaseFile::open(casePath.toStdString(), CaseFile::Access::ReadOnly);
        int findingRow = -1;
        std::vector<spoor::ui::FindingStep> steps;
        for (int row = 0; row < window.findingsModel()->rowCount() && findingRow < 0; ++row) {
            steps = spoor::ui::loadFindingSteps(caseFile.db(), window.findingsModel()->findingId(row));
            if (looksMalicious(caseFile.db(), steps))
                findingRow = row;
        }
        QVERIFY2(findingRow >= 0, "no finding whose second step is neither pam_motd nor unix_chkpwd");
        QCOMPARE(steps.size(), std::size_t(4));

        window.findingsView()->selectRow(findingRow);

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

        if (qEnvironmentVariableIsSet("SPOOR_SCREENSHOT")) {
            const QString path = qEnvironmentVariable("SPOOR_SCREENSHOT");
            QTest::qWait(200);
            QVERIFY2(window.grab().save(path), qPrintable(path));
        }
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
