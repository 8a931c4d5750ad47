#include "main_window.h"
#include "workspace/window_layout.h"

#include <QApplication>
#include <QCommandLineParser>

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("spoor"));
    QApplication::setOrganizationName(QStringLiteral("spoor"));
    QApplication::setApplicationVersion(QStringLiteral(SPOOR_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QApplication::translate("main", "Investigate Linux intrusions in endpoint event dumps.\n\n"
                                        "A .spoor file opens that case. Any other file or folder is imported into "
                                        "a new case next to it (or in the user's data folder when that folder is "
                                        "not writable), and the built-in rules run."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption runRules(
        QStringLiteral("run-builtin-rules"),
        QApplication::translate("main",
                                "Run the built-in rules over an opened case (imported dumps always get them)."));
    parser.addOption(runRules);
    parser.addPositionalArgument(QStringLiteral("FILE"),
                                 QApplication::translate("main", "Case files (.spoor) or dumps to import."),
                                 QStringLiteral("[FILE...]"));
    parser.process(app);

    spoor::ui::MainWindow window;
    // The layout is kept here rather than in MainWindow, so that tests never read or write it.
    spoor::ui::restoreWindowLayout(window);
    QObject::connect(&app, &QApplication::aboutToQuit, &window, [&window] { spoor::ui::saveWindowLayout(window); });
    window.show();
    window.openPaths(parser.positionalArguments(), spoor::ui::MainWindow::CaseLocation::Automatic,
                     parser.isSet(runRules));
    return QApplication::exec();
}
