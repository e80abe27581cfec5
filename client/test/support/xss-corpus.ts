// Known cross-site scripting payloads, by family (from the OWASP XSS filter
// evasion cheat sheet, PortSwigger's XSS cheat sheet and markdown-renderer
// advisories). Every one, if it ran, would call alert() (a dialog) or set
// window.__pwned: the traps the browser tests watch. Short enough (at most
// 80 characters) to be a display name too.
export const XSS_PAYLOADS: readonly string[] = [
  // Script tags.
  "<script>alert(1)</script>",
  "<script src=//127.0.0.1/x.js></script>",
  "<ScRiPt>window.__pwned=1</sCrIpT>",
  "<script>/*</script><script>alert(1)//*/</script>",
  // Event handlers.
  "<img src=x onerror=alert(1)>",
  '<img src="x" onerror="window.__pwned=1">',
  "<body onload=alert(1)>",
  "<details open ontoggle=alert(1)>",
  "<input autofocus onfocus=alert(1)>",
  "<div onmouseover=alert(1)>hover me</div>",
  "<iMg SrC=x OnErRoR=alert(1)>",
  // javascript:, data: and vbscript: URLs.
  '<a href="javascript:alert(1)">raw link</a>',
  "<iframe src=javascript:alert(1)></iframe>",
  "<object data=javascript:alert(1)></object>",
  '<embed src="data:text/html,<script>alert(1)</script>">',
  '<form action="javascript:alert(1)"><button>go</button></form>',
  '<a href="vbscript:msgbox(1)">vb</a>',
  // SVG and MathML.
  "<svg onload=alert(1)>",
  "<svg><script>alert(1)</script></svg>",
  '<svg><a xlink:href="javascript:alert(1)"><text y=9>svg</text></a></svg>',
  "<svg><animate onbegin=alert(1) attributeName=x dur=1s>",
  '<math><mtext><a href="javascript:alert(1)">math</a></mtext></math>',
  "<math><mi xlink:href=javascript:alert(1)>mi</mi></math>",
  // Markdown links and images.
  "[click me](javascript:alert(1))",
  "[spaced](  javascript:alert(1)  )",
  "[encoded](javascript&#58;alert(1))",
  "[tab](java\tscript:alert(1))",
  "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
  "[vb](vbscript:msgbox(1))",
  "![img](javascript:alert(1))",
  '![x](x" onerror="alert(1))',
  "[ref link][r]\n\n[r]: javascript:alert(1)",
  "<javascript:alert(1)>",
  '[a](https://example.com/"onmouseover="alert(1))',
  // Entity-encoded and mixed-case variants.
  "<a href=&#106;avascript:alert(1)>entity</a>",
  "[hex](&#x6A;&#x61;vascript:alert(1))",
  "[Mixed](JaVaScRiPt:alert(1))",
  "&lt;script&gt;alert(1)&lt;/script&gt;",
  "\\<script\\>alert(1)\\</script\\>",
  // Broken and nested tags.
  "<scr<script>ipt>alert(1)</scr</script>ipt>",
  "<img src=x onerror=alert(1)//",
  '"><script>alert(1)</script>',
  "'><img src=x onerror=alert(1)>",
  "<<img src=x onerror=alert(1)>>",
  "`<img src=x onerror=alert(1)>`",
  "```html\n<script>alert(1)</script>\n```",
  "<style>@import'javascript:alert(1)';</style>",
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  "<base href=javascript:alert(1)//>",
  // Right-to-left and zero-width tricks.
  "[\u202Egnp.exe](javascript:alert(1))",
  "java\u200Bscript:alert(1)",
  "[zero width](java\u200Bscript:alert(1))",
  "<img src=x o\u200Cnerror=alert(1)>",
  "\u202E<script>alert(1)</script>",
];
