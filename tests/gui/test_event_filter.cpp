#include "analysis/process_tree.h"
#include "event_filter_controller.h"
#include "jobs/job_context.h"
#include "jobs/job_runner.h"
#include "main_window.h"
#include "models/eql_text.h"
#include "models/event_filter.h"
#include "models/event_table_model.h"
#include "models/process_tree_model.h"
#include "models/surrounding_events.h"
#include "rules/builtin_rules.h"
#include "sample_case.h"
#include "scan/rule_runner.h"
#include "store/case_file.h"
#include "store/statement.h"
#include "widgets/event_detail_view.h"
#include "widgets/event_field_tree.h"
#include "widgets/filter_bar.h"

#include <QAbstractItemModelTester>
#include <QHeaderView>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <memory>

using spoor::store::CaseFile;
using spoor::ui::EventTableModel;
using spoor::ui::FilterBar;
using spoor::ui::FilterValidation;
using spoor::ui::MainWindow;

namespace {

constexpr int jobTimeoutMs = 60000;

std::vector<std::int64_t> ids(CaseFile& caseFile, const std::string& sql)
{
    auto select = caseFile.db().prepare(sql);
    std::vector<std::int64_t> out;
    while (select.step())
        out.push_back(select.int64(0));
    return out;
}

std::int64_t scalar(CaseFile& caseFile, const std::string& sql)
{
    auto select = caseFile.db().prepare(sql);
    select.step();
    return select.int64(0);
}

// Returns the text cursor's rectangle at a position of the line edit, in the edit's coordinates.
QRect cursorRectAt(QLineEdit& edit, int position)
{
    edit.setCursorPosition(position);
    return edit.inputMethodQuery(Qt::ImCursorRectangle).toRect();
}

// Counts the pixels in the colour of the error underline (#c0392b, or blended with the background) between
// x = left and x = right, inside the edit's 3-pixel frame, which has the same colour in the invalid state.
int underlinePixels(const QImage& image, int left, int right)
{
    int count = 0;
    for (int y = 3; y < image.height() - 3; ++y) {
        for (int x = std::max(3, left); x < std::min(right, int(image.width()) - 3); ++x) {
            const QColor color = image.pixelColor(x, y);
            if (color.red() > 140 && color.red() - color.green() > 50 && color.red() - color.blue() > 50)
                ++count;
        }
    }
    return count;
}

std::vector<std::int64_t> tableIds(const EventTableModel& model)
{
    std::vector<std::int64_t> out;
    for (int row = 0; row < model.rowCount(); ++row)
        out.push_back(model.eventId(row));
    return out;
}

// Returns the detail column of EXPLAIN QUERY PLAN for `sql`, one line a step.
QString queryPlan(CaseFile& caseFile, const std::string& sql)
{
    auto plan = caseFile.db().prepare("EXPLAIN QUERY PLAN " + sql);
    QStringList steps;
    while (plan.step())
        steps << QString::fromStdString(plan.text(3));
    return steps.join(QLatin1Char('\n'));
}

} // namespace

class TestEventFilter : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        // History, saved filters and column layouts go to a test location, not the user's settings.
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("spoor-tests"));
        QCoreApplication::setApplicationName(QStringLiteral("test_event_filter"));
        QSettings().clear();
        const QString dump = sampleDumpPath();
        if (dump.isEmpty())
            return;
        QVERIFY(dir_.isValid());
        casePath_ = dir_.filePath(QStringLiteral("filter.spoor"));
        QVERIFY(importSample(dump, casePath_).imported);
        caseFile_ = std::make_shared<CaseFile>(CaseFile::open(casePath_.toStdString(), CaseFile::Access::ReadOnly));
    }

    void quotesStringsAndNumbers_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QVariant>("value");
        QTest::addColumn<QString>("filterIn");
        QTest::addColumn<QString>("filterOut");
        QTest::newRow("plain") << QStringLiteral("process.name") << QVariant(QStringLiteral("sshd"))
                               << QStringLiteral("process.name == \"sshd\"")
                               << QStringLiteral("process.name != \"sshd\"");
        QTest::newRow("quotes and backslashes")
            << QStringLiteral("process.command_line") << QVariant(QStringLiteral("sh -c \"echo \\\"x\\\" C:\\dir\\\""))
            << QStringLiteral("process.command_line == \"sh -c \\\"echo \\\\\\\"x\\\\\\\" C:\\\\dir\\\\\\\"\"")
            << QStringLiteral("process.command_line != \"sh -c \\\"echo \\\\\\\"x\\\\\\\" C:\\\\dir\\\\\\\"\"");
        QTest::newRow("control characters")
            << QStringLiteral("message") << QVariant(QStringLiteral("a\tb\nc\x01"))
            << QStringLiteral("message == \"a\\tb\\nc\\u{1}\"") << QStringLiteral("message != \"a\\tb\\nc\\u{1}\"");
        QTest::newRow("integer") << QStringLiteral("process.pid") << QVariant::fromValue<qint64>(4242)
                                 << QStringLiteral("process.pid == 4242") << QStringLiteral("process.pid != 4242");
        QTest::newRow("negative integer")
            << QStringLiteral("process.exit_code") << QVariant::fromValue<qint64>(-1)
            << QStringLiteral("process.exit_code == -1") << QStringLiteral("process.exit_code != -1");
        QTest::newRow("boolean") << QStringLiteral("process.interactive") << QVariant(true)
                                 << QStringLiteral("process.interactive == true")
                                 << QStringLiteral("process.interactive != true");
        QTest::newRow("null") << QStringLiteral("user.name") << QVariant() << QStringLiteral("user.name == null")
                              << QStringLiteral("user.name != null");
        QTest::newRow("reserved word in field")
            << QStringLiteral("labels.sequence") << QVariant(QStringLiteral("x"))
            << QStringLiteral("`labels.sequence` == \"x\"") << QStringLiteral("`labels.sequence` != \"x\"");
        QTest::newRow("dash in field") << QStringLiteral("labels.my-label") << QVariant(QStringLiteral("x"))
                                       << QStringLiteral("`labels.my-label` == \"x\"")
                                       << QStringLiteral("`labels.my-label` != \"x\"");
        QTest::newRow("several values") << QStringLiteral("event.category")
                                        << QVariant(QStringList{QStringLiteral("a"), QStringLiteral("b")})
                                        << QStringLiteral("event.category == \"a\" and event.category == \"b\"")
                                        << QStringLiteral("not (event.category == \"a\" and event.category == \"b\")");
    }

    void quotesStringsAndNumbers()
    {
        QFETCH(QString, field);
        QFETCH(QVariant, value);
        QFETCH(QString, filterIn);
        QFETCH(QString, filterOut);
        QCOMPARE(spoor::ui::filterInCondition(field, value), filterIn);
        QCOMPARE(spoor::ui::filterOutCondition(field, value), filterOut);
        // The conditions parse, and a string comes back unchanged from the parser.
        QCOMPARE(spoor::ui::validateFilter(filterIn).state, FilterValidation::State::Valid);
        QCOMPARE(spoor::ui::validateFilter(filterOut).state, FilterValidation::State::Valid);
    }

    void narrowsFilters_data()
    {
        QTest::addColumn<QString>("filter");
        QTest::addColumn<QString>("narrowed");
        QTest::newRow("empty") << QString() << QStringLiteral("user.name == \"root\"");
        QTest::newRow("bare") << QStringLiteral("process.pid == 1")
                              << QStringLiteral("process.pid == 1 and user.name == \"root\"");
        QTest::newRow("bare with or") << QStringLiteral("process.pid == 1 or process.pid == 2")
                                      << QStringLiteral(
                                             "(process.pid == 1 or process.pid == 2) and user.name == \"root\"");
        QTest::newRow("event query")
            << QStringLiteral("process where process.name == \"sshd\" or true")
            << QStringLiteral("process where (process.name == \"sshd\" or true) and user.name == \"root\"");
    }

    void narrowsFilters()
    {
        QFETCH(QString, filter);
        QFETCH(QString, narrowed);
        QVERIFY(spoor::ui::canNarrow(filter));
        QCOMPARE(spoor::ui::narrowFilter(filter, QStringLiteral("user.name == \"root\"")), narrowed);
        QCOMPARE(spoor::ui::validateFilter(narrowed).state, FilterValidation::State::Valid);
    }

    void sequencesAreNotNarrowed()
    {
        QVERIFY(!spoor::ui::canNarrow(QStringLiteral("sequence [process where true] [process where true]")));
        QVERIFY(!spoor::ui::canNarrow(QStringLiteral("process where true | head 3")));
    }

    void validatesBareConditionPosition()
    {
        const FilterValidation invalid = spoor::ui::validateFilter(QStringLiteral("process.pid == == 3"));
        QCOMPARE(invalid.state, FilterValidation::State::Invalid);
        QCOMPARE(invalid.line, 1);
        QCOMPARE(invalid.column, 16);
        QCOMPARE(invalid.position, 15);
        QVERIFY(!invalid.message.isEmpty());

        const FilterValidation query = spoor::ui::validateFilter(QStringLiteral("process where nosuchfunction(1)"));
        QCOMPARE(query.state, FilterValidation::State::Invalid);
        QCOMPARE(query.column, 15);
        // Text beyond the BMP before the error: the column counts characters, the position UTF-16 code units.
        const FilterValidation wide = spoor::ui::validateFilter(QStringLiteral("user.name == \"é😀\" and and"));
        QCOMPARE(wide.state, FilterValidation::State::Invalid);
        QCOMPARE(wide.column, 23);
        QCOMPARE(wide.position, 23);
    }

    void filterBarShowsValidationStates()
    {
        spoor::ui::JobRunner jobs;
        FilterBar bar(&jobs);
        bar.show();
        QVERIFY(QTest::qWaitForWindowExposed(&bar));
        QSignalSpy applied(&bar, &FilterBar::applyRequested);

        QCOMPARE(bar.validation().state, FilterValidation::State::Empty);
        QVERIFY(!bar.messageLabel()->isVisible());

        QTest::keyClicks(bar.lineEdit(), QStringLiteral("process.name == "));
        QCOMPARE(bar.validation().state, FilterValidation::State::Invalid);
        QVERIFY(bar.messageLabel()->isVisible());
        QVERIFY2(bar.messageLabel()->text().startsWith(QLatin1String("Line 1, column 17:")),
                 qPrintable(bar.messageLabel()->text()));
        QVERIFY(bar.lineEdit()->styleSheet().contains(QLatin1String("#c0392b")));
        QTest::keyClick(bar.lineEdit(), Qt::Key_Return);
        QCOMPARE(applied.count(), 0);

        QTest::keyClicks(bar.lineEdit(), QStringLiteral("\"sshd\""));
        QCOMPARE(bar.validation().state, FilterValidation::State::Valid);
        QVERIFY(bar.validation().bareCondition);
        QVERIFY(!bar.messageLabel()->isVisible());
        QVERIFY(bar.lineEdit()->styleSheet().contains(QLatin1String("#2e8b57")));
        QTest::keyClick(bar.lineEdit(), Qt::Key_Return);
        QCOMPARE(applied.count(), 1);
        QCOMPARE(applied.at(0).at(0).toString(), QStringLiteral("process.name == \"sshd\""));
        QCOMPARE(bar.history().value(0), QStringLiteral("process.name == \"sshd\""));

        bar.lineEdit()->selectAll();
        QTest::keyClick(bar.lineEdit(), Qt::Key_Backspace);
        QCOMPARE(bar.validation().state, FilterValidation::State::Empty);
        QVERIFY(bar.lineEdit()->styleSheet().isEmpty());
        QVERIFY(!bar.messageLabel()->isVisible());

        // Up recalls the applied filter, Down returns to the text being typed.
        QTest::keyClicks(bar.lineEdit(), QStringLiteral("draft"));
        QTest::keyClick(bar.lineEdit(), Qt::Key_Up);
        QCOMPARE(bar.text(), QStringLiteral("process.name == \"sshd\""));
        QTest::keyClick(bar.lineEdit(), Qt::Key_Down);
        QCOMPARE(bar.text(), QStringLiteral("draft"));
    }

    void filterBarUnderlinesErrorColumn()
    {
        spoor::ui::JobRunner jobs;
        FilterBar bar(&jobs);
        bar.resize(800, bar.sizeHint().height());
        bar.show();
        QVERIFY(QTest::qWaitForWindowExposed(&bar));
        QLineEdit& edit = *bar.lineEdit();
        const QString text = QStringLiteral("process.name == \"sshd\" and and true");
        QTest::keyClicks(&edit, text);
        QCOMPARE(bar.validation().state, FilterValidation::State::Invalid);
        // The parser stops at the second "and".
        const int position = static_cast<int>(text.indexOf(QLatin1String("and true")));
        QCOMPARE(bar.validation().position, position);
        QVERIFY2(bar.messageLabel()->text().startsWith(QStringLiteral("Line 1, column %1:").arg(position + 1)),
                 qPrintable(bar.messageLabel()->text()));

        const int textLeft = cursorRectAt(edit, 0).left();
        const int tokenLeft = cursorRectAt(edit, position).left();
        const int tokenRight = cursorRectAt(edit, position + 3).left();
        const int textRight = cursorRectAt(edit, static_cast<int>(text.size())).left();
        QVERIFY(textLeft < tokenLeft);
        QVERIFY(tokenLeft < tokenRight);
        const QImage invalid = edit.grab().toImage();
        QVERIFY2(underlinePixels(invalid, tokenLeft, tokenRight) >= 3, "no underline under the second \"and\"");
        // The antialiased wave may spill into the spaces around the token (up to 4 pixels with Noto Sans Mono),
        // so the check stops at the neighbouring tokens: the first "and" and "true".
        const int previousTokenRight = cursorRectAt(edit, position - 1).left();
        const int nextTokenLeft = cursorRectAt(edit, position + 4).left();
        QCOMPARE(underlinePixels(invalid, textLeft, previousTokenRight), 0);
        QCOMPARE(underlinePixels(invalid, nextTokenLeft, textRight), 0);

        // Deleting the extra "and " makes the filter valid and removes the underline.
        edit.setCursorPosition(position);
        for (int i = 0; i < 4; ++i)
            QTest::keyClick(&edit, Qt::Key_Delete);
        QCOMPARE(bar.text(), QStringLiteral("process.name == \"sshd\" and true"));
        QCOMPARE(bar.validation().state, FilterValidation::State::Valid);
        QVERIFY(!bar.messageLabel()->isVisible());
        const QImage fixed = edit.grab().toImage();
        // From the start of the text on: the state icon before it is not part of the text.
        QCOMPARE(underlinePixels(fixed, textLeft, fixed.width()), 0);
    }

    void filterBarSavesFilters()
    {
        spoor::ui::JobRunner jobs;
        FilterBar bar(&jobs);
        bar.saveFilter(QStringLiteral("sshd"), QStringLiteral("process.name == \"sshd\""));
        bar.saveFilter(QStringLiteral("root"), QStringLiteral("user.name == \"root\""));
        QCOMPARE(bar.savedFilters().size(), 2);
        QCOMPARE(bar.savedFilters().at(0).first, QStringLiteral("root"));

        QSignalSpy applied(&bar, &FilterBar::applyRequested);
        QAction* apply = nullptr;
        for (QAction* action : bar.savedFiltersMenu()->actions()) {
            if (action->text() == QLatin1String("sshd"))
                apply = action;
        }
        QVERIFY(apply);
        apply->trigger();
        QCOMPARE(applied.count(), 1);
        QCOMPARE(applied.at(0).at(0).toString(), QStringLiteral("process.name == \"sshd\""));

        bar.deleteSavedFilter(QStringLiteral("sshd"));
        QCOMPARE(bar.savedFilters().size(), 1);
        bar.deleteSavedFilter(QStringLiteral("root"));
        QVERIFY(bar.savedFilters().isEmpty());
    }

    void filterMatchesSql_data()
    {
        QTest::addColumn<QString>("filter");
        QTest::addColumn<QString>("sql");
        QTest::newRow("bare condition") << QStringLiteral("process.name == \"sshd\"")
                                        << QStringLiteral("SELECT id FROM events WHERE process_name = 'sshd'");
        QTest::newRow("event query")
            << QStringLiteral("process where event.action == \"exec\" and process.parent.name == \"sshd\"")
            << QStringLiteral("SELECT id FROM events WHERE (',' || category || ',') LIKE '%,process,%'"
                              " AND action = 'exec' AND parent_name = 'sshd'");
        QTest::newRow("not pushed down") << QStringLiteral("process.pid > 1000 and process.pid < 1100")
                                         << QStringLiteral("SELECT id FROM events WHERE pid > 1000 AND pid < 1100");
        QTest::newRow("no match") << QStringLiteral("process.name == \"no such process\"")
                                  << QStringLiteral("SELECT id FROM events WHERE 0");
    }

    void filterMatchesSql()
    {
        SPOOR_REQUIRE_SAMPLE(dump);
        QFETCH(QString, filter);
        QFETCH(QString, sql);
        spoor::ui::JobContext context;
        const spoor::ui::FilterResult result = spoor::ui::runEventFilter(caseFile_->db(), filter, context);
        QVERIFY(!result.cancelled);
        QVERIFY(result.events);
        std::vector<std::int64_t> expected = ids(*caseFile_, sql.toStdString() + " ORDER BY id");
        QCOMPARE(*result.events, expected);
    }

    void sequenceFilterKeepsStepEvents()
    {
        SPOOR_REQUIRE_SAMPLE(dump);
        // The built-in XZ rule's query, run as a rule without index patterns or timestamp override over a
        // copy of the case: its findings' step events are the events the filter must keep.
        spoor::rules::Rule rule = spoor::rules::builtinRules().front();
        rule.index.clear();
        rule.timestampOverride.clear();
        QVERIFY(QString::fromStdString(rule.query).trimmed().startsWith(QLatin1String("sequence")));
        QTemporaryDir dir;
        const QString copy = dir.filePath(QStringLiteral("rule.spoor"));
        QVERIFY(QFile::copy(casePath_, copy));
        CaseFile writable = CaseFile::open(copy.toStdString());
        const auto runs = spoor::scan::runRules(writable, {rule}, {});
        QCOMPARE(runs.size(), std::size_t(1));
        QCOMPARE(QString::fromStdString(runs[0].status), QStringLiteral("complete"));
        QVERIFY(!runs[0].findingIds.empty());
        const std::vector<std::int64_t> expected =
            ids(writable, "SELECT DISTINCT fe.event FROM finding_events fe JOIN findings f ON f.id = fe.finding"
                          " WHERE f.run = " +
                              std::to_string(runs[0].runId) + " ORDER BY fe.event");

        spoor::ui::JobContext context;
        const QString query = QString::fromStdString(rule.query);
        const spoor::ui::FilterResult result = spoor::ui::runEventFilter(caseFile_->db(), query, context);
        QVERIFY(result.events);
        QCOMPARE(*result.events, expected);
        QVERIFY(!result.processes.empty());
    }

    void cancelledFilterKeepsNothing()
    {
        SPOOR_REQUIRE_SAMPLE(dump);
        spoor::ui::JobContext context;
        context.cancel();
        const spoor::ui::FilterResult result =
            spoor::ui::runEventFilter(caseFile_->db(), QStringLiteral("true"), context);
        QVERIFY(result.cancelled);
        QVERIFY(!result.events);
    }

    void surroundingEventsAtCaseEdges()
    {
        SPOOR_REQUIRE_SAMPLE(dump);
        const std::vector<std::int64_t> byTime =
            ids(*caseFile_, "SELECT id FROM events WHERE host_id IS (SELECT host_id FROM events ORDER BY timestamp_ns,"
                            " id LIMIT 1) ORDER BY timestamp_ns, id");
        QVERIFY(byTime.size() > 10);
        const auto slice = [&byTime](std::size_t first, std::size_t last) {
            return std::vector<std::int64_t>(byTime.begin() + std::ptrdiff_t(first),
                                             byTime.begin() + std::ptrdiff_t(last));
        };
        using spoor::ui::SurroundingScope;
        QCOMPARE(spoor::ui::surroundingEvents(caseFile_->db(), byTime.front(), SurroundingScope::Host, 5), slice(0, 6));
        QCOMPARE(spoor::ui::surroundingEvents(caseFile_->db(), byTime.back(), SurroundingScope::Host, 5),
                 slice(byTime.size() - 6, byTime.size()));
        QCOMPARE(spoor::ui::surroundingEvents(caseFile_->db(), byTime[7], SurroundingScope::Host, 3), slice(4, 11));
        QVERIFY(spoor::ui::surroundingEvents(caseFile_->db(), -1, SurroundingScope::Host, 3).empty());

        // Process scope: every event of one entity, in time order, around its middle event.
        const std::int64_t entityEvent = scalar(
            *caseFile_, "SELECT id FROM events WHERE entity_id = (SELECT entity_id FROM events WHERE entity_id IS NOT"
                        " NULL GROUP BY entity_id ORDER BY count(*) DESC, entity_id LIMIT 1) ORDER BY timestamp_ns, id"
                        " LIMIT 1");
        const std::vector<std::int64_t> ofProcess =
            ids(*caseFile_, "SELECT id FROM events WHERE entity_id = (SELECT entity_id FROM events WHERE id = " +
                                std::to_string(entityEvent) + ") ORDER BY timestamp_ns, id");
        QCOMPARE(spoor::ui::surroundingEvents(caseFile_->db(), entityEvent, SurroundingScope::Process, 1000),
                 ofProcess);
    }

    void processJoinUsesEntityIndex()
    {
        SPOOR_REQUIRE_SAMPLE(dump);
        // The case has statistics, because the process table's build runs ANALYZE. A copy without them shows the
        // plan that SQLite takes on a case imported by a build that ran no ANALYZE.
        const QString copyPath = dir_.filePath(QStringLiteral("no-statistics.spoor"));
        QVERIFY(QFile::copy(casePath_, copyPath));
        CaseFile::open(copyPath.toStdString()).db().exec("DROP TABLE IF EXISTS sqlite_stat1");
        // A connection keeps the statistics it loaded, so the plan is read on a new one.
        CaseFile copy = CaseFile::open(copyPath.toStdString(), CaseFile::Access::ReadOnly);
        for (CaseFile* caseFile : {caseFile_.get(), &copy}) {
            const QString plan = queryPlan(*caseFile, spoor::ui::eventProcessJoinSql);
            QVERIFY2(plan.contains(QLatin1String("processes_by_key")) ||
                         plan.contains(QLatin1String("events_by_entity")),
                     qPrintable(plan));
            QVERIFY2(!plan.contains(QLatin1String("processes_by_host")), qPrintable(plan));
        }
    }

    void tableAndTreeFollowFilter()
    {
        SPOOR_REQUIRE_SAMPLE(dump);
        MainWindow window;
        window.openCase(casePath_);
        QTRY_VERIFY_WITH_TIMEOUT(!window.isBusy(), jobTimeoutMs);
        QAbstractItemModelTester tester(window.eventsModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        const int total = int(scalar(*caseFile_, "SELECT count(*) FROM events"));
        QCOMPARE(window.eventsModel()->rowCount(), total);

        FilterBar* bar = window.filterBar();
        bar->setText(QStringLiteral("process.name == \"sshd\""));
        bar->apply();
        QVERIFY(window.isBusy());
        QTRY_VERIFY_WITH_TIMEOUT(!window.isBusy(), jobTimeoutMs);
        const std::vector<std::int64_t> sshd =
            ids(*caseFile_, "SELECT id FROM events WHERE process_name = 'sshd' ORDER BY timestamp_ns, id");
        QCOMPARE(tableIds(*window.eventsModel()), sshd);
        QVERIFY(bar->activeFilterText().contains(QLatin1String("sshd")));

        // The tree marks the processes of the kept events and dims the others.
        const auto processes = spoor::ui::processesOfEvents(
            caseFile_->db(), std::vector<std::int64_t>(ids(*caseFile_, "SELECT id FROM events"
                                                                       " WHERE process_name ="
                                                                       " 'sshd' ORDER BY id")));
        QVERIFY(!processes.empty());
        const QModelIndex kept = window.processModel()->indexForProcess(processes.front());
        QVERIFY(kept.data(spoor::ui::ProcessTreeModel::MatchesFilterRole).toBool());
        QVERIFY(!kept.data(Qt::ForegroundRole).isValid());
        const std::int64_t other =
            scalar(*caseFile_, "SELECT id FROM processes WHERE name != 'sshd' ORDER BY id LIMIT 1");
        const QModelIndex dimmed = window.processModel()->indexForProcess(other);
        QVERIFY(!dimmed.data(spoor::ui::ProcessTreeModel::MatchesFilterRole).toBool());

        // Filter out one user of the kept events: the bar text gains the condition with `and`.
        window.filterController()->filterOnValue(QStringLiteral("user.name"), QStringLiteral("root"), true);
        QCOMPARE(bar->text(), QStringLiteral("process.name == \"sshd\" and user.name != \"root\""));
        QTRY_VERIFY_WITH_TIMEOUT(!window.isBusy(), jobTimeoutMs);
        QCOMPARE(tableIds(*window.eventsModel()),
                 ids(*caseFile_, "SELECT id FROM events WHERE process_name = 'sshd' AND user_name IS NOT 'root'"
                                 " ORDER BY timestamp_ns, id"));

        // Clearing restores every event and every process.
        bar->lineEdit()->clear();
        QTRY_VERIFY_WITH_TIMEOUT(!window.isBusy(), jobTimeoutMs);
        QCOMPARE(window.eventsModel()->rowCount(), total);
        QVERIFY(bar->activeFilterText().isEmpty());
        QVERIFY(dimmed.data(spoor::ui::ProcessTreeModel::MatchesFilterRole).toBool());
    }

    void cancelFilterJobKeepsTable()
    {
        SPOOR_REQUIRE_SAMPLE(dump);
        MainWindow window;
        window.openCase(casePath_);
        QTRY_VERIFY_WITH_TIMEOUT(!window.isBusy(), jobTimeoutMs);
        const int total = window.eventsModel()->rowCount();
        window.filterBar()->setText(QStringLiteral("process.pid > 0"));
        window.filterBar()->apply();
        QVERIFY(window.filterController()->isFiltering());
        window.filterController()->jobs()->cancel();
        QTRY_VERIFY_WITH_TIMEOUT(!window.isBusy(), jobTimeoutMs);
        QCOMPARE(window.eventsModel()->rowCount(), total);
        QVERIFY(window.filterBar()->activeFilterText().isEmpty());
        QVERIFY(!window.eventsModel()->eventFilter());
    }

    void surroundingEventsKeepSelection()
    {
        SPOOR_REQUIRE_SAMPLE(dump);
        MainWindow window;
        window.openCase(casePath_);
        QTRY_VERIFY_WITH_TIMEOUT(!window.isBusy(), jobTimeoutMs);
        const int total = window.eventsModel()->rowCount();
        const int row = total / 2;
        const std::int64_t event = window.eventsModel()->eventId(row);
        window.eventTable()->selectRow(row);
        window.filterController()->setSurroundingCount(4);
        window.filterController()->showSurroundingEvents(event, spoor::ui::SurroundingScope::Host);
        QTRY_VERIFY_WITH_TIMEOUT(!window.isBusy(), jobTimeoutMs);
        QCOMPARE(tableIds(*window.eventsModel()),
                 spoor::ui::surroundingEvents(caseFile_->db(), event, spoor::ui::SurroundingScope::Host, 4));
        QCOMPARE(window.eventTable()->currentIndex().data(EventTableModel::EventIdRole).value<qint64>(), event);
        QVERIFY(window.filterBar()->activeFilterText().contains(QLatin1String("before and after")));

        window.filterController()->clearFilter();
        QTRY_VERIFY_WITH_TIMEOUT(!window.isBusy(), jobTimeoutMs);
        QCOMPARE(window.eventsModel()->rowCount(), total);
        QCOMPARE(window.eventTable()->currentIndex().data(EventTableModel::EventIdRole).value<qint64>(), event);
    }

    void columnsAreKeptPerCase()
    {
        SPOOR_REQUIRE_SAMPLE(dump);
        QTemporaryDir dir;
        const QString other = dir.filePath(QStringLiteral("other.spoor"));
        QVERIFY(QFile::copy(casePath_, other));
        {
            MainWindow window;
            window.openCase(casePath_);
            QTRY_VERIFY_WITH_TIMEOUT(!window.isBusy(), jobTimeoutMs);
            QHeaderView* header = window.eventTable()->horizontalHeader();
            header->setSectionHidden(EventTableModel::UserColumn, true);
            header->resizeSection(EventTableModel::ActionColumn, 211);
            emit header->sectionResized(EventTableModel::ActionColumn, 150, 211);
            window.openCase(other);
            QTRY_VERIFY_WITH_TIMEOUT(!window.isBusy(), jobTimeoutMs);
            QVERIFY(!header->isSectionHidden(EventTableModel::UserColumn));
        }
        MainWindow window;
        window.openCase(casePath_);
        QTRY_VERIFY_WITH_TIMEOUT(!window.isBusy(), jobTimeoutMs);
        QHeaderView* header = window.eventTable()->horizontalHeader();
        QVERIFY(header->isSectionHidden(EventTableModel::UserColumn));
        QCOMPARE(header->sectionSize(EventTableModel::ActionColumn), 211);
    }

    void detailPaneShowsFieldTree()
    {
        SPOOR_REQUIRE_SAMPLE(dump);
        MainWindow window;
        window.openCase(casePath_);
        QTRY_VERIFY_WITH_TIMEOUT(!window.isBusy(), jobTimeoutMs);
        const std::int64_t event =
            scalar(*caseFile_, "SELECT id FROM events WHERE process_name = 'sshd' AND parent_name IS NOT NULL"
                               " AND action = 'exec' ORDER BY id LIMIT 1");
        window.detailView()->setEvent(caseFile_->db(), event);
        spoor::ui::EventFieldTree* tree = window.detailView()->fieldTree();
        QTreeWidgetItem* name = tree->findField(QStringLiteral("process.name"));
        QVERIFY(name);
        QCOMPARE(name->text(0), QStringLiteral("name"));
        QCOMPARE(name->text(1), QStringLiteral("sshd"));
        QCOMPARE(name->parent()->text(0), QStringLiteral("process"));
        QTreeWidgetItem* pid = tree->findField(QStringLiteral("process.pid"));
        QVERIFY(pid);
        QCOMPARE(pid->data(0, spoor::ui::EventFieldTree::ValueRole).typeId(), int(QMetaType::LongLong));
        // Arrays are indexed and their elements keep the array's field.
        QTreeWidgetItem* args = tree->findField(QStringLiteral("process.args"));
        QVERIFY(args);
        QCOMPARE(args->text(0), QStringLiteral("[0]"));
        QVERIFY(window.detailView()->linksLabel()->isEnabled());

        // Filter in from the field tree applies `process.name == "sshd"`.
        emit tree->fieldFilterRequested(QStringLiteral("process.name"), QStringLiteral("sshd"), false);
        QCOMPARE(window.filterBar()->text(), QStringLiteral("process.name == \"sshd\""));
        QTRY_VERIFY_WITH_TIMEOUT(!window.isBusy(), jobTimeoutMs);
        QCOMPARE(window.eventsModel()->rowCount(), int(scalar(*caseFile_, "SELECT count(*) FROM events"
                                                                          " WHERE process_name = 'sshd'")));

        // The process link filters on its entity id; the parent link selects the parent's start event.
        emit window.detailView()->processEventsRequested(event);
        QTRY_VERIFY_WITH_TIMEOUT(!window.isBusy(), jobTimeoutMs);
        QCOMPARE(tableIds(*window.eventsModel()),
                 ids(*caseFile_, "SELECT id FROM events WHERE entity_id = (SELECT entity_id FROM events WHERE id = " +
                                     std::to_string(event) + ") ORDER BY timestamp_ns, id"));
        emit window.detailView()->parentEventRequested(event);
        QTRY_VERIFY_WITH_TIMEOUT(!window.isBusy(), jobTimeoutMs);
        const auto process = spoor::analysis::processForEvent(caseFile_->db(), event);
        QVERIFY(process && process->parentId);
        const auto parent = spoor::analysis::loadProcess(caseFile_->db(), *process->parentId);
        QVERIFY(parent);
        QTRY_COMPARE(window.eventTable()->currentIndex().data(EventTableModel::EventIdRole).value<qint64>(),
                     parent->startEvent.value_or(parent->firstEvent.value_or(0)));
    }

private:
    QTemporaryDir dir_;
    QString casePath_;
    std::shared_ptr<CaseFile> caseFile_;
};

QTEST_MAIN(TestEventFilter)
#include "test_event_filter.moc"
