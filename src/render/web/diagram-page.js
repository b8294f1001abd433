// SPDX-License-Identifier: MIT
/* The page of sequence diagrams (render/diagram.c): zoom, and the list that jumps to a diagram. */
(function () {
	'use strict';
	var z = 1, svgs = [].slice.call(document.querySelectorAll('section svg'));
	var label = document.getElementById('kf-zoom'), view = document.getElementById('kf-view');

	/* Zoom keeps the aspect ratio (each SVG has a viewBox): fewer rows per screen or more. */
	function apply() {
		svgs.forEach(function (s) {
			s.style.width = (s.viewBox.baseVal.width * z) + 'px';
			s.style.height = (s.viewBox.baseVal.height * z) + 'px';
		});
		label.textContent = Math.round(z * 100) + '%';
	}
	function set(v) {
		z = Math.max(0.05, Math.min(4, v));
		apply();
	}
	document.getElementById('kf-in').onclick = function () { set(z * 1.25); };
	document.getElementById('kf-out').onclick = function () { set(z / 1.25); };
	document.getElementById('kf-fit').onclick = function () {
		var w = svgs.length ? svgs[0].viewBox.baseVal.width : 0;
		if (w)
			set((view.clientWidth - 20) / w);
	};
	document.getElementById('kf-one').onclick = function () { set(1); };
	view.addEventListener('wheel', function (e) {
		if (!e.ctrlKey)
			return;
		e.preventDefault();
		set(z * (e.deltaY < 0 ? 1.1 : 1 / 1.1));
	}, { passive: false });
	[].forEach.call(document.querySelectorAll('nav a'), function (a) {
		a.onclick = function (e) {
			var t = document.getElementById(a.getAttribute('href').slice(1));
			e.preventDefault();
			[].forEach.call(document.querySelectorAll('nav a.cur'), function (c) { c.classList.remove('cur'); });
			a.classList.add('cur');
			if (t)
				t.scrollIntoView();
		};
	});
	apply();
	document.body.setAttribute('data-ready', '1');
})();
