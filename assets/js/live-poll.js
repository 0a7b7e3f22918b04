// Live polls: keep the results on a poll page current without reloading the page.
//
// A page marks a region with data-live-poll and data-status-url (a JSON endpoint on our own
// origin). Every second or two we ask it whether anything changed. When the results changed it
// sends them re-rendered (by the server, escaped there) and only the results block is swapped,
// so an answer being chosen or a comment being typed on the same page is never touched.
// Without JavaScript the page has a "Refresh results" link instead.
//
//   data-interval   milliseconds between checks (default 2000, at least 1000)
//   data-question   the question this page shows
//   data-follow     "notice": say when voting closes or the next question opens (a member's
//                   phone: never reload, they may be typing); "reload": load the next question
//                   when the facilitator opens it (the projector and the facilitator's screen)
//
// Inside the region, [data-live-closed] is shown and [data-live-open-only] hidden once the
// question closes, and the region's forms are switched off.

const MAX_MINUTES = 240 // stop asking after a long meeting; the refresh link still works
const MAX_BACKOFF = 30000

export function initLivePolls () {
  if (!('fetch' in window) || !('URL' in window)) return
  document.querySelectorAll('[data-live-poll][data-status-url]').forEach(watch)
}

function watch (region) {
  const interval = Math.max(1000, parseInt(region.dataset.interval || '2000', 10) || 2000)
  const question = region.dataset.question ? parseInt(region.dataset.question, 10) : null
  const follow = region.dataset.follow || 'notice'
  const stopAt = Date.now() + MAX_MINUTES * 60 * 1000
  let signature = region.dataset.signature || ''
  let failures = 0

  region.classList.add('heard-live--enhanced')

  function later (delay) {
    if (Date.now() < stopAt) window.setTimeout(check, delay)
  }

  async function check () {
    if (document.hidden) {
      later(interval)
      return
    }
    let data
    try {
      const url = new URL(region.dataset.statusUrl, window.location.href)
      if (signature) url.searchParams.set('v', signature)
      const response = await fetch(url.toString(), {
        credentials: 'same-origin',
        cache: 'no-store',
        headers: { Accept: 'application/json' }
      })
      if (!response.ok) throw new Error('status ' + response.status)
      data = await response.json()
      failures = 0
    } catch (error) {
      // Signed out, offline or a server hiccup: wait longer each time, never give up the page.
      failures += 1
      later(Math.min(interval * Math.pow(2, failures), MAX_BACKOFF))
      return
    }
    show(data)
    later(interval)
  }

  function show (data) {
    if (typeof data.html === 'string') {
      const old = region.querySelector('[data-live-results]')
      const holder = document.createElement('template')
      holder.innerHTML = data.html.trim()
      const fresh = holder.content.firstElementChild
      if (old && fresh) old.replaceWith(fresh)
    }
    if (data.signature) signature = data.signature

    const moved = data.current != null && data.current !== question
    if (follow === 'reload') {
      if (moved) window.location.reload()
      return
    }
    if (data.open === false || data.open === true) setClosed(data.open === false)
    toggle(region.querySelector('[data-live-next]'), moved)
  }

  // When the question closes, the page stops offering a vote: the notice shows, the button and
  // its "you can change your vote" line go, and the answers are kept but can no longer be sent.
  // (Without JavaScript a reload shows the same, from the server.)
  const notice = region.querySelector('[data-live-closed]')
  let closed = notice ? !notice.hidden : false
  function setClosed (now) {
    if (now === closed) return
    closed = now
    toggle(notice, closed)
    region.querySelectorAll('[data-live-open-only]').forEach((element) => { element.hidden = closed })
    region.querySelectorAll('form').forEach((form) => {
      for (const element of form.elements) {
        if (element.type !== 'hidden') element.disabled = closed
      }
    })
  }

  later(interval)
}

function toggle (element, visible) {
  if (element && element.hidden === visible) element.hidden = !visible
}
