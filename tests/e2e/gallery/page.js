/* global window, document, AdaptiveCards */
// Runs in the gallery's browser page, after adaptivecards.min.js: renders one card into #stage.
(function () {
  'use strict';

  function escapeHtml(text) {
    return text.replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }

  // The markdown subset Teams renders in TextBlocks: bold, italic, links, line breaks, lists.
  function markdown(text) {
    var lines = escapeHtml(text).split(/\r?\n/);
    var html = [];
    var list = null;
    lines.forEach(function (line) {
      var item = /^\s*(?:[-*]|(\d+)\.)\s+(.*)$/.exec(line);
      if (item) {
        var kind = item[1] ? 'ol' : 'ul';
        if (list !== kind) {
          if (list) html.push('</' + list + '>');
          html.push('<' + kind + ' style="margin:0;padding-left:20px">');
          list = kind;
        }
        html.push('<li>' + inline(item[2]) + '</li>');
        return;
      }
      if (list) {
        html.push('</' + list + '>');
        list = null;
      }
      html.push('<p>' + inline(line) + '</p>');
    });
    if (list) html.push('</' + list + '>');
    return html.join('');
  }

  function inline(text) {
    return text
      .replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>')
      .replace(/(^|[^\w*])_(.+?)_(?!\w)/g, '$1<em>$2</em>')
      .replace(/(^|[^*])\*(?!\*)(.+?)\*(?!\*)/g, '$1<em>$2</em>')
      .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, '<a href="$2" target="_blank" rel="noopener">$1</a>');
  }

  AdaptiveCards.AdaptiveCard.onProcessMarkdown = function (text, result) {
    result.outputHtml = markdown(text);
    result.didProcess = true;
  };

  /** Renders `json` with `hostConfig`; returns the parse and validation messages. */
  window.renderCard = function (json, hostConfig) {
    var stage = document.getElementById('stage');
    stage.innerHTML = '';
    var card = new AdaptiveCards.AdaptiveCard();
    card.hostConfig = new AdaptiveCards.HostConfig(hostConfig);
    var context = new AdaptiveCards.SerializationContext();
    card.parse(json, context);
    var messages = [];
    for (var i = 0; i < context.eventCount; i++) {
      var e = context.getEventAt(i);
      messages.push('parse: ' + AdaptiveCards.ValidationEvent[e.event] + ': ' + e.message);
    }
    card.validateProperties().validationEvents.forEach(function (e) {
      messages.push('validation: ' + AdaptiveCards.ValidationEvent[e.event] + ': ' + e.message);
    });
    var rendered = card.render();
    if (!rendered) {
      messages.push('render: the renderer returned nothing');
      return messages;
    }
    var frame = document.createElement('div');
    frame.className = 'card-frame';
    frame.appendChild(rendered);
    stage.appendChild(frame);
    return messages;
  };
})();
