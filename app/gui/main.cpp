#include "main_window.h"
#include "workspace/window_layout.h"

#include <QApplication>
#include <QCommandLineParser>

namespace {

const QString runRulesName = QStringLiteral("run-builtin-rules");

void setApplicationNames()
{
    QCoreApplication::setApplicationName(QStringLiteral("spoor"));
    QCoreApplication::setOrganizationName(QStringLiteral("spoor"));
    QCoreApplication::setApplicationVersion(QStringLiteral(SPOOR_VERSION));
}

void describeOptions(QCommandLineParser& parser)
{
    parser.setApplicationDescription(
        QApplication::translate("main", "Investigate Linux intrusions in endpoint event dumps.\n\n"
                                        "A .spoor file opens that case. Any other file or folder is imported into "
                                        "a new case next to it (or in the user's data folder when that folder is "
                                        "not writable), and the built-in rules run."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOption(QCommandLineOption(
        runRulesName, QApplication::translate(
                          "main", "Run the built-in rules over an opened case (imported dumps always get them).")));
    parser.addPositionalArgument(QStringLiteral("FILE"),
                                 QApplication::translate("main", "Case files (.spoor) or dumps to import."),
                                 QStringLiteral("[FILE...]"));
}

// Prints the help or the version and exits when either is requested. A QApplication aborts when no display is
// reachable, so this runs under a QCoreApplication first. Other options, including Qt's own such as -platform,
// are left to the parser that runs after the QApplication has taken its options out.
void handleInformationOptions(int argc, char* argv[])
{
    const QCoreApplication core(argc, argv);
    setApplicationNames();
    QCommandLineParser parser;
    describeOptions(parser);
    if (!parser.parse(QCoreApplication::arguments()))
        return;
    if (parser.isSet(QStringLiteral("help")))
        parser.showHelp();
    if (parser.isSet(QStringLiteral("version")))
        parser.showVersion();
}

} // namespace

int main(int argc, char* argv[])
{
    handleInformationOptions(argc, argv);
    QApplication app(argc, argv);
    setApplicationNames();

    QCommandLineParser parser;
    describeOptions(parser);
    parser.process(app);

    spoor::ui::MainWindow window;
    // The layout is kept here rather than in MainWindow, so that tests never read or write it.
    spoor::ui::restoreWindowLayout(window);
    QObject::connect(&app, &QApplication::aboutToQuit, &window, [&window] { spoor::ui::saveWindowLayout(window); });
    window.show();
    window.openPaths(parser.positionalArguments(), spoor::ui::MainWindow::CaseLocation::Automatic,
                     parser.isSet(runRulesName));
    return QApplication::exec();
}
