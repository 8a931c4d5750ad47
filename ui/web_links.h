#pragma once

class QTextDocument;
class QUrl;

namespace spoor::ui {

// Returns whether a link from event or rule text may be opened: only http, https and mailto URLs. Other
// schemes such as javascript:, data: and file: would hand attacker-chosen content to the desktop's handler.
bool isWebLink(const QUrl& url);

// Turns every anchor of the document whose target is not a web link into plain text, so that it neither
// looks nor acts like a link.
void unlinkNonWebAnchors(QTextDocument& document);

} // namespace spoor::ui
