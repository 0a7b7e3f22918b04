// Heard progressive enhancement. Every page works without this file.
//
// Loaded as one classic script (the build bundles it into a minified IIFE),
// from our own origin, with no inline script anywhere: the site's CSP forbids
// inline scripts, so the body classes GOV.UK's template usually sets with an
// inline <script> are set here instead.
//
// It only switches on the GOV.UK Frontend components that are on the page,
// found through their data-module attributes. Nothing else (yet).

import { initLivePolls } from './live-poll.js'
import {
  Button,
  CharacterCount,
  Checkboxes,
  ErrorSummary,
  ExitThisPage,
  NotificationBanner,
  Radios,
  ServiceNavigation,
  SkipLink,
  createAll
} from 'govuk-frontend'

import { initReadAloud } from './read-aloud.js'
import { initReviews } from './reviews.js'

// GOV.UK's "Exit this page" moves on with location.href, which leaves the child's page one Back
// press away. Ours replaces it in the history instead; the link's target, /my/exit, also signs
// out, so going Back only finds the sign-in page.
class ExitThisPageReplacing extends ExitThisPage {
  exitPage () {
    if (!this.$updateSpan) return
    this.$updateSpan.textContent = ''
    document.body.classList.add('govuk-exit-this-page-hide-content')
    this.$overlay = document.createElement('div')
    this.$overlay.className = 'govuk-exit-this-page-overlay'
    this.$overlay.setAttribute('role', 'alert')
    document.body.appendChild(this.$overlay)
    this.$overlay.textContent = this.i18n.t('activated')
    window.location.replace(this.$button.href)
  }
}

const body = document.body

body.classList.add('js-enabled')

// Same test GOV.UK's template uses: browsers without ES module support are
// too old for GOV.UK Frontend's JavaScript, so they keep the no-JS experience.
if ('noModule' in HTMLScriptElement.prototype) {
  body.classList.add('govuk-frontend-supported')

  // Each entry: [component, data-module value it looks for].
  //   govuk-button            double-click prevention (data-prevent-double-click="true")
  //   govuk-character-count   live "you have N characters remaining"
  //   govuk-checkboxes        conditional reveals and "none of these" exclusive option
  //   govuk-error-summary     moves focus to the summary, links focus the field
  //   govuk-exit-this-page    the "Exit this page" button and Shift x3 shortcut
  //   govuk-notification-banner  focus on success banners (role="alert")
  //   govuk-radios            conditional reveals
  //   govuk-service-navigation  the mobile menu toggle (staff pages)
  //   govuk-skip-link         moves focus to <main> reliably
  const components = [
    Button,
    CharacterCount,
    Checkboxes,
    ErrorSummary,
    ExitThisPageReplacing,
    NotificationBanner,
    Radios,
    ServiceNavigation,
    SkipLink
  ]

  for (const Component of components) {
    createAll(Component)
  }
}

// Views before reviews: keep what a young person types on their device until the server has it.
initReviews()

// Council polls: results that update while people vote, without reloading the page.
initLivePolls()

// Read aloud: the page read out by the device's own voice, where it has one for the language.
initReadAloud()
