#pragma once

#include <QLoggingCategory>

namespace spoor::ui {

// One category per part of the user interface; debug output is off unless enabled with QT_LOGGING_RULES,
// for example QT_LOGGING_RULES="spoor.ui.*.debug=true".
Q_DECLARE_LOGGING_CATEGORY(lcMainWindow) // spoor.ui.window
Q_DECLARE_LOGGING_CATEGORY(lcJobs)       // spoor.ui.jobs
Q_DECLARE_LOGGING_CATEGORY(lcModels)     // spoor.ui.models
Q_DECLARE_LOGGING_CATEGORY(lcTimeline)   // spoor.ui.timeline

} // namespace spoor::ui
