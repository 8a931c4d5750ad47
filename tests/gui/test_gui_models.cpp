#include "analysis/process_tree.h"
#include "finding_steps.h"
#include "models/event_table_model.h"
#include "models/findings_model.h"
#include "models/process_tree_model.h"
#include "sample_case.h"
#include "store/case_file.h"
#include "store/statement.h"

#include <QAbstractItemModelTester>
#include <QTemporaryDir>
#include <QTest>
#include <memory>

using spoor::store::CaseFile;
using spoor::ui::EventTableModel;
using spoor::ui::FindingsModel;
using spoor::ui::ProcessTreeModel;

namespace {

std::int64_t scalar(CaseFile& caseFile, const char* sql)
{
    auto statement = caseFile.db().prepare(sql);
    statement.step();
    return statement.int64(0);
}

// Expands every level of a lazy tree by calling fetchMore as a view would.
int fetchAll(QAbstractItemModel& model, const QModelIndex& parent = {})
{
    while (model.canFetchMore(parent))
        model.fetchMore(parent);
    int count = model.rowCount(parent);
    for (int row = 0; row < model.rowCount(parent); ++row)
        count += fetchAll(model, model.index(row, 0, parent));
    return count;
}

} // namespace

class TestGuiModels : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        const QString dump = sampleDumpPath();
        if (dump.isEmpty())
            return;
        QVERIFY(dir_.isValid());
        casePath_ = dir_.filePath(QStringLiteral("models.spoor"));
        const spoor::ui::ImportOutcome outcome = importSample(dump, casePath_);
        QVERIFY(outcome.imported);
        QVERIFY(!outcome.cancelled);
        caseFile_ = std::make_shared<CaseFile>(CaseFile::open(casePath_.toStdString(), CaseFile::Access::ReadOnly));
    }

    void eventModelPassesTester()
    {
        SPOOR_REQUIRE_SAMPLE(dump);
        EventTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setCase(caseFile_);
        QCOMPARE(model.rowCount(), int(scalar(*caseFile_, "SELECT count(*) FROM events")));
        QCOMPARE(model.columnCount(), int(EventTableModel::ColumnCount));
        model.setCase(nullptr);
        QCOMPARE(model.rowCount(), 0);
    }

    void eventModelIsInTimeOrder()
    {
        SPOOR_REQUIRE_SAMPLE(dump);
        EventTableModel model;
        model.setCase(caseFile_);
        qint64 previous = std::numeric_limits<qint64>::min();
        for (int row = 0; row < model.rowCount(); ++row) {
            const QVariant time = model.index(row, 0).data(EventTableModel::TimestampNsRole);
            const qint64 current = time.isValid() ? time.value<qint64>() : std::numeric_limits<qint64>::min();
            QVERIFY2(current >= previous,
                     qPrintable(QStringLiteral("row %1 is earlier than row %2").arg(row).arg(row - 1)));
            previous = current;
        }
    }

    void eventModelKeepsCacheBounded()
    {
        SPOOR_REQUIRE_SAMPLE(dump);
        EventTableModel model;
        model.setCase(caseFile_);
        for (int row = 0; row < model.rowCount(); row += EventTableModel::chunkSize)
            QVERIFY(model.eventId(row) != 0);
        QVERIFY(model.cachedChunkCount() <= EventTableModel::maxCachedChunks);
        QVERIFY(model.cachedChunkCount() > 0);
    }

    void eventModelRowOfEventRoundTrips()
    {
        SPOOR_REQUIRE_SAMPLE(dump);
        EventTableModel model;
        model.setCase(caseFile_);
        // Rows on both sides of chunk boundaries, where reads switch between seek and offset.
        for (int row : {0, 1, 255, 256, 257, 511, 512, model.rowCount() / 2, model.rowCount() - 1}) {
            const std::int64_t id = model.eventId(row);
            QVERIFY2(id != 0, qPrintable(QStringLiteral("row %1 has no event").arg(row)));
            QCOMPARE(model.rowOfEvent(id), row);
        }
        QCOMPARE(model.rowOfEvent(-5), -1);
    }

    void eventModelRowsMatchAfterBackwardJump()
    {
        SPOOR_REQUIRE_SAMPLE(dump);
        EventTableModel sequential;
        sequential.setCase(caseFile_);
        std::vector<std::int64_t> ids;
        for (int row = 0; row < sequential.rowCount(); ++row)
            ids.push_back(sequential.eventId(row));

        EventTableModel jumping;
        jumping.setCase(caseFile_);
        for (int row = jumping.rowCount() - 1; row >= 0; row -= 97)
            QCOMPARE(jumping.eventId(row), ids[std::size_t(row)]);
    }

    void findingsModelPassesTester()
    {
        SPOOR_REQUIRE_SAMPLE(dump);
        FindingsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setCase(caseFile_);
        QVERIFY(model.rowCount() > 0);
        QCOMPARE(model.rowCount(), int(scalar(*caseFile_, "SELECT count(*) FROM findings")));
        for (int row = 0; row < model.rowCount(); ++row) {
            QCOMPARE(model.index(row, FindingsModel::StepsColumn).data().toInt(), 4);
            QCOMPARE(model.rowOfFinding(model.findingId(row)), row);
        }
    }

    void findingsModelListsLatestRunOnly()
    {
        SPOOR_REQUIRE_SAMPLE(dump);
        QTemporaryDir dir;
        const QString copy = dir.filePath(QStringLiteral("rerun.spoor"));
        importSample(sampleDumpPath(), copy);
        spoor::ui::JobContext context;
        spoor::ui::runImport({copy, {}, true}, context); // a second run of the same rule
        auto caseFile = std::make_shared<CaseFile>(CaseFile::open(copy.toStdString(), CaseFile::Access::ReadOnly));
        const std::int64_t all = scalar(*caseFile, "SELECT count(*) FROM findings");
        FindingsModel model;
        model.setCase(caseFile);
        QVERIFY(model.rowCount() > 0);
        QCOMPARE(all, 2 * std::int64_t(model.rowCount()));
    }

    void processModelPassesTester()
    {
        SPOOR_REQUIRE_SAMPLE(dump);
        ProcessTreeModel model;
        model.setCase(caseFile_);
        // Attached after the reset: Qt 6.4's tester runs fetchMore from its modelReset slot before it
        // marks the reset finished, and then reports the rows that fetchMore inserts as overlapping it.
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(model.rowCount() > 0);
        const int processes = int(scalar(*caseFile_, "SELECT count(*) FROM processes"));
        const int hosts = model.rowCount();
        const int unknownParents = int(
            scalar(*caseFile_,
                   "SELECT count(DISTINCT host_id) FROM processes WHERE parent_id IS NULL AND parent_key IS NOT NULL"));
        QCOMPARE(fetchAll(model), hosts + unknownParents + processes);
    }

    void processModelFindsStepProcesses()
    {
        SPOOR_REQUIRE_SAMPLE(dump);
        ProcessTreeModel model;
        model.setCase(caseFile_);
        // Attached after the reset: Qt 6.4's tester runs fetchMore from its modelReset slot before it
        // marks the reset finished, and then reports the rows that fetchMore inserts as overlapping it.
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const std::vector<std::int64_t> events = spoor::ui::loadAllFindingEvents(caseFile_->db());
        QVERIFY(!events.empty());
        std::set<std::int64_t> processes;
        for (const std::int64_t event : events) {
            const auto process = spoor::analysis::processForEvent(caseFile_->db(), event);
            QVERIFY2(process, qPrintable(QStringLiteral("event %1 has no process").arg(event)));
            processes.insert(process->id);
            const QModelIndex index = model.indexForProcess(process->id);
            QVERIFY(index.isValid());
            QCOMPARE(model.processId(index), process->id);
            QCOMPARE(index.data(ProcessTreeModel::ProcessIdRole).value<qint64>(), process->id);
        }
        model.setFindingProcesses(processes);
        const QModelIndex marked = model.indexForProcess(*processes.begin());
        QVERIFY(marked.data(ProcessTreeModel::InFindingRole).toBool());
        QVERIFY(!marked.data(Qt::DecorationRole).isNull());
        QVERIFY(!model.indexForProcess(-1).isValid());
    }

private:
    QTemporaryDir dir_;
    QString casePath_;
    std::shared_ptr<CaseFile> caseFile_;
};

QTEST_MAIN(TestGuiModels)
#include "test_gui_models.moc"
