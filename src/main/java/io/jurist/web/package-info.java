/** The rule editor: server-rendered pages where legal teams read, edit, test and submit rule changes. */
package io.jurist.web;
