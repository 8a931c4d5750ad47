#pragma once

#include <QPalette>
#include <QString>

namespace spoor::ui {

// The palette choice of View > Theme. Qt 6.4 has no QStyleHints::colorScheme (it came in 6.5), so
// "System" reads the desktop's preference itself (see systemPrefersDark).
enum class Theme { System, Light, Dark };

// Returns true when the desktop prefers dark colours: GTK_THEME ending in ":dark", or a platform palette
// whose window colour is dark (what the platform theme plugin, for example KDE's, installs).
bool systemPrefersDark();

QPalette lightPalette();
QPalette darkPalette();

// Applies the theme to the application: the Fusion style's light or dark palette, or for System the one
// that systemPrefersDark chooses.
void applyTheme(Theme theme);

// Reads and writes the choice in QSettings ("view/theme": "system", "light" or "dark").
Theme savedTheme();
void saveTheme(Theme theme);

} // namespace spoor::ui
