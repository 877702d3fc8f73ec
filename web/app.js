// Shows on every page whether this instance is a demo (never for real children).
(async function showDemoBanner() {
  try {
    const response = await fetch('/api/v1/about', { credentials: 'same-origin' });
    const about = await response.json();
    if (!about.demo) return;
    const banner = document.createElement('div');
    banner.className = 'demo-banner';
    banner.setAttribute('role', 'status');
    banner.textContent = 'Bản dùng thử (demo) — không dùng cho trẻ em thật. / Demo instance — never for real children.';
    document.body.prepend(banner);
  } catch (e) {
    // The page works without it.
  }
})();
