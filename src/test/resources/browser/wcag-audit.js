// rootgate's own WCAG 2.1 AA audit of the page the browser shows (axe-core is not on the build's Maven registry).
// Run by PagesMeetWcagAaTest through Selenium's executeScript; answers a list of violations, each "selector: what
// (measured)". It checks: html[lang], a <title>, exactly one <h1>, an accessible name for every form field, button
// and link, and the contrast of every visible text against its effective background (4.5:1, 3:1 for large text).
// Focus visibility is checked by the test itself, tabbing through the page (focusStyles below gives it the styles).
var audit = (function () {
  function selector(el) {
    var parts = [];
    for (var node = el; node && node.nodeType === 1 && parts.length < 4; node = node.parentElement) {
      var part = node.tagName.toLowerCase();
      if (node.id) {
        parts.unshift(part + '#' + node.id);
        break;
      }
      if (node.classList.length) {
        part += '.' + Array.prototype.join.call(node.classList, '.');
      }
      var index = 1;
      for (var sibling = node.previousElementSibling; sibling; sibling = sibling.previousElementSibling) {
        if (sibling.tagName === node.tagName) {
          index++;
        }
      }
      parts.unshift(part + (index > 1 ? ':nth-of-type(' + index + ')' : ''));
    }
    return parts.join(' > ');
  }

  function visible(el) {
    var style = getComputedStyle(el);
    var box = el.getBoundingClientRect();
    return style.visibility !== 'hidden' && style.display !== 'none' && box.width > 1 && box.height > 1
      && el.getClientRects().length > 0;
  }

  function text(node) {
    return (node.textContent || '').replace(/\s+/g, ' ').trim();
  }

  function accessibleName(el) {
    var label = el.getAttribute('aria-label');
    if (label && label.trim()) {
      return label.trim();
    }
    var labelledBy = el.getAttribute('aria-labelledby');
    if (labelledBy) {
      var named = labelledBy.split(/\s+/).map(function (id) {
        var target = document.getElementById(id);
        return target ? text(target) : '';
      }).join(' ').trim();
      if (named) {
        return named;
      }
    }
    if (el.labels && el.labels.length) {
      var fromLabels = Array.prototype.map.call(el.labels, text).join(' ').trim();
      if (fromLabels) {
        return fromLabels;
      }
    }
    if (/^(A|BUTTON)$/.test(el.tagName)) {
      var inner = text(el) || Array.prototype.map.call(el.querySelectorAll('img[alt], svg title'), function (img) {
        return img.getAttribute('alt') || img.textContent;
      }).join(' ').trim();
      if (inner) {
        return inner;
      }
    }
    return (el.getAttribute('title') || '').trim();
  }

  function rgba(colour) {
    var m = colour.match(/rgba?\(([^)]+)\)/);
    if (!m) {
      return null;
    }
    var v = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
    return { r: v[0], g: v[1], b: v[2], a: v.length > 3 ? v[3] : 1 };
  }

  function over(top, bottom) {
    var a = top.a + bottom.a * (1 - top.a);
    if (a === 0) {
      return { r: 0, g: 0, b: 0, a: 0 };
    }
    function mix(c) {
      return (top[c] * top.a + bottom[c] * bottom.a * (1 - top.a)) / a;
    }
    return { r: mix('r'), g: mix('g'), b: mix('b'), a: a };
  }

  // The colour behind el: its own background and its ancestors', composed until one is opaque (white at the end).
  function background(el) {
    var layers = [];
    for (var node = el; node && node.nodeType === 1; node = node.parentElement) {
      var colour = rgba(getComputedStyle(node).backgroundColor);
      if (colour && colour.a > 0) {
        layers.push(colour);
        if (colour.a >= 1) {
          break;
        }
      }
    }
    var result = { r: 255, g: 255, b: 255, a: 1 };
    for (var i = layers.length - 1; i >= 0; i--) {
      result = over(layers[i], result);
    }
    return result;
  }

  function opacity(el) {
    var product = 1;
    for (var node = el; node && node.nodeType === 1; node = node.parentElement) {
      product *= Number(getComputedStyle(node).opacity);
    }
    return product;
  }

  function luminance(c) {
    function channel(v) {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    }
    return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
  }

  function ratio(a, b) {
    var la = luminance(a), lb = luminance(b);
    return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
  }

  // WCAG exempts the text of inactive controls: a disabled field and the label around it.
  function inactive(el) {
    return !!el.closest(':disabled, [aria-disabled="true"]')
      || !!(el.closest('label') && el.closest('label').querySelector(':disabled'));
  }

  function contrast(problems) {
    var seen = new Set();
    var walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (var node = walker.nextNode(); node; node = walker.nextNode()) {
      var el = node.parentElement;
      if (!node.textContent.trim() || seen.has(el) || !visible(el) || inactive(el)
          || el.closest('script, style, noscript, title')) {
        continue;
      }
      seen.add(el);
      var style = getComputedStyle(el);
      var svg = el instanceof SVGElement;
      var fg = rgba(svg ? style.fill : style.color);
      if (!fg) {
        continue;
      }
      var bg = background(el);
      fg.a *= opacity(el);
      var shown = over(fg, bg);
      var size = parseFloat(style.fontSize);
      var bold = Number(style.fontWeight) >= 700;
      var large = size >= 24 || (size >= 18.66 && bold);
      var need = large ? 3 : 4.5;
      var measured = ratio(shown, bg);
      if (measured < need) {
        problems.push(selector(el) + ': contrast ' + measured.toFixed(2) + ':1 < ' + need + ':1 ('
          + style.color + ' on ' + 'rgb(' + [bg.r, bg.g, bg.b].map(Math.round).join(', ') + '), ' + size + 'px'
          + (bold ? ' bold' : '') + ', "' + text(el).slice(0, 40) + '")');
      }
    }
  }

  function names(problems) {
    document.querySelectorAll('input, select, textarea').forEach(function (field) {
      if (/^(hidden|submit|button|reset|image)$/.test(field.type)) {
        return;
      }
      if (!accessibleName(field)) {
        problems.push(selector(field) + ': form field without a label (no label[for], wrapping label, aria-label'
          + ' or aria-labelledby)');
      }
    });
    document.querySelectorAll('button, a[href], input[type=submit], input[type=button]').forEach(function (control) {
      var name = control.tagName === 'INPUT' ? control.value : accessibleName(control);
      if (!name && visible(control)) {
        problems.push(selector(control) + ': ' + control.tagName.toLowerCase() + ' without an accessible name');
      }
    });
  }

  function structure(problems) {
    var lang = document.documentElement.getAttribute('lang');
    if (!lang || !lang.trim()) {
      problems.push('html: no lang attribute');
    }
    if (!document.title.trim()) {
      problems.push('head: no <title>');
    }
    var h1 = document.querySelectorAll('h1').length;
    if (h1 !== 1) {
      problems.push('body: ' + h1 + ' <h1> elements (one expected)');
    }
  }

  return function () {
    var problems = [];
    structure(problems);
    names(problems);
    contrast(problems);
    return problems;
  };
})();

// What the focus walk compares: the outline and shadow an element shows, and its selector.
function focusStyles(el) {
  var style = getComputedStyle(el);
  return {
    selector: (function () {
      var parts = [];
      for (var node = el; node && node.nodeType === 1 && parts.length < 3; node = node.parentElement) {
        parts.unshift(node.tagName.toLowerCase() + (node.id ? '#' + node.id : ''));
        if (node.id) {
          break;
        }
      }
      return parts.join(' > ');
    })(),
    look: [style.outlineStyle, style.outlineWidth, style.outlineColor, style.boxShadow, style.backgroundColor,
      style.borderColor, style.textDecorationLine].join('|'),
    outline: style.outlineStyle + ' ' + style.outlineWidth + ' ' + style.outlineColor,
    shadow: style.boxShadow
  };
}
