// Loaded at the top of <body>, before anything is drawn: GOV.UK Frontend styles its components
// for JavaScript only when the body has these classes.
document.body.className += " js-enabled" + ("noModule" in HTMLScriptElement.prototype ? " govuk-frontend-supported" : "");
