#include "workspace/theme.h"

#include <QApplication>
#include <QSettings>
#include <QStyle>
#include <QStyleFactory>

namespace spoor::ui {

namespace {

const QString settingsKey = QStringLiteral("view/theme");

// The palette the platform gave the application before any theme was applied.
const QPalette& platformPalette()
{
    static const QPalette palette = QApplication::palette();
    return palette;
}

} // namespace

bool systemPrefersDark()
{
    const QString gtkTheme = qEnvironmentVariable("GTK_THEME");
    if (gtkTheme.endsWith(QLatin1String(":dark"), Qt::CaseInsensitive))
        return true;
    const QColor window = platformPalette().color(QPalette::Window);
    const QColor text = platformPalette().color(QPalette::WindowText);
    return window.lightness() < text.lightness();
}

QPalette lightPalette()
{
    QStyle* fusion = QStyleFactory::create(QStringLiteral("Fusion"));
    QPalette palette = fusion ? fusion->standardPalette() : QPalette();
    delete fusion;
    return palette;
}

QPalette darkPalette()
{
    const QColor window(0x2d, 0x2f, 0x33);
    const QColor base(0x1f, 0x21, 0x24);
    const QColor text(0xe6, 0xe6, 0xe6);
    const QColor disabledText(0x7f, 0x7f, 0x7f);
    QPalette palette;
    palette.setColor(QPalette::Window, window);
    palette.setColor(QPalette::WindowText, text);
    palette.setColor(QPalette::Base, base);
    palette.setColor(QPalette::AlternateBase, window);
    palette.setColor(QPalette::ToolTipBase, QColor(0x3a, 0x3d, 0x42));
    palette.setColor(QPalette::ToolTipText, text);
    palette.setColor(QPalette::PlaceholderText, disabledText);
    palette.setColor(QPalette::Text, text);
    palette.setColor(QPalette::Button, window);
    palette.setColor(QPalette::ButtonText, text);
    palette.setColor(QPalette::BrightText, QColor(0xff, 0x6b, 0x6b));
    palette.setColor(QPalette::Light, QColor(0x48, 0x4b, 0x50));
    palette.setColor(QPalette::Midlight, QColor(0x3a, 0x3d, 0x42));
    palette.setColor(QPalette::Mid, QColor(0x26, 0x28, 0x2b));
    palette.setColor(QPalette::Dark, QColor(0x18, 0x19, 0x1b));
    palette.setColor(QPalette::Shadow, Qt::black);
    palette.setColor(QPalette::Highlight, QColor(0x3d, 0x7a, 0xd6));
    palette.setColor(QPalette::HighlightedText, Qt::white);
    palette.setColor(QPalette::Link, QColor(0x6c, 0xa8, 0xff));
    palette.setColor(QPalette::LinkVisited, QColor(0xb3, 0x8c, 0xff));
    for (const auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        palette.setColor(QPalette::Disabled, role, disabledText);
    palette.setColor(QPalette::Disabled, QPalette::Highlight, QColor(0x50, 0x50, 0x50));
    return palette;
}

void applyTheme(Theme theme)
{
    platformPalette(); // remember the platform's palette before the first change
    const bool dark = theme == Theme::Dark || (theme == Theme::System && systemPrefersDark());
    if (theme != Theme::System || dark)
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    if (theme == Theme::System && !dark)
        QApplication::setPalette(platformPalette());
    else
        QApplication::setPalette(dark ? darkPalette() : lightPalette());
}

Theme savedTheme()
{
    const QString value = QSettings().value(settingsKey).toString();
    if (value == QLatin1String("light"))
        return Theme::Light;
    if (value == QLatin1String("dark"))
        return Theme::Dark;
    return Theme::System;
}

void saveTheme(Theme theme)
{
    QString value = QStringLiteral("system");
    if (theme == Theme::Light)
        value = QStringLiteral("light");
    else if (theme == Theme::Dark)
        value = QStringLiteral("dark");
    QSettings().setValue(settingsKey, value);
}

} // namespace spoor::ui
