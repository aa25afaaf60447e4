<#ftl output_format="HTML">
<#--
  Gatehouse's login page layout for Keycloak: the same card as the embedded identity server's
  login pages (idp/login/render.ts layout()), branded from the realm's `gatehouse.*` attributes.

  Every value that comes from the realm is printed with FreeMarker's HTML escaping (the HTML
  output format escapes ${...}); nothing from the realm is printed with ?no_esc. The brand
  colours go into CSS only when they are hex colours, the logo and favicon only when they are
  http(s) URLs.

  registrationLayout keeps the parameters and the nested sections of Keycloak's own layout
  ("header", "show-username", "form", "socialProviders", "info"), so every page inherited from
  keycloak.v2 / base renders through it unchanged. Two extra parameters:
    pageTitle  the page's name in <title> (else Keycloak's "Sign in to {realm}")
    formError  an error to show in the alert region (a page's per-field error), instead of `message`
-->

<#-- The default brand colour: DEFAULT_BRAND_COLOR in idp/config.ts, with the text colour on it. -->
<#assign defaultBrandColor = "#2563eb">
<#assign defaultOnBrandColor = "#ffffff">

<#-- "#abc" or "#aabbcc" (any case) as "#aabbcc"; "" for anything else (as shared/contrast.ts normalizeHex). -->
<#function hexColor value>
  <#local v = (value!"")?trim?lower_case>
  <#if v?matches("#[0-9a-f]{6}")><#return v></#if>
  <#if v?matches("#[0-9a-f]{3}")><#return "#" + v[1] + v[1] + v[2] + v[2] + v[3] + v[3]></#if>
  <#return "">
</#function>

<#-- An http(s) URL, or "" (javascript:, data: and the rest are dropped). -->
<#function webUrl value>
  <#local v = (value!"")?trim>
  <#if v?matches("(?i)https?://[^\\s]+")><#return v></#if>
  <#return "">
</#function>

<#-- Black or white on a colour, for a realm that has a brand colour but no (valid)
     gatehouse.onBrandColor; setRealmBranding always writes it. Luminance with a gamma of 2
     rather than sRGB's curve: close to shared/contrast.ts textColorOn. -->
<#function textColorOn hex>
  <#local digits = "0123456789abcdef">
  <#local sum = 0>
  <#list [[1, 0.2126], [3, 0.7152], [5, 0.0722]] as channel>
    <#local c = (digits?index_of(hex[channel[0]]) * 16 + digits?index_of(hex[channel[0] + 1])) / 255>
    <#local sum = sum + channel[1] * c * c>
  </#list>
  <#return (sum gte 0.1791)?then("#000000", "#ffffff")>
</#function>

<#macro registrationLayout bodyClass="" displayInfo=false displayMessage=true displayRequiredFields=false pageTitle="" formError="">
<#assign attributes = realm.attributes!{}>
<#assign brandName = (realm.displayName!"")?trim>
<#if !brandName?has_content><#assign brandName = realm.name></#if>
<#assign brandColor = hexColor(attributes["gatehouse.brandColor"]!"")>
<#if brandColor?has_content>
  <#assign onBrandColor = hexColor(attributes["gatehouse.onBrandColor"]!"")>
  <#if !onBrandColor?has_content><#assign onBrandColor = textColorOn(brandColor)></#if>
<#else>
  <#assign brandColor = defaultBrandColor>
  <#assign onBrandColor = defaultOnBrandColor>
</#if>
<#assign tagline = (attributes["gatehouse.tagline"]!"")?trim>
<#assign logoUrl = webUrl(attributes["gatehouse.logoUrl"]!"")>
<#assign faviconUrl = webUrl(attributes["gatehouse.faviconUrl"]!"")>
<#assign showAlert = displayMessage && message?has_content && message.type = "error" && !formError?has_content>
<#assign showNotice = displayMessage && message?has_content && message.type != "error" && (message.type != "warning" || !isAppInitiatedAction??)>
<!doctype html>
<html lang="${lang!'en'}"<#if realm.internationalizationEnabled && locale??> dir="${(locale.rtl)?then('rtl','ltr')}"</#if>>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="color-scheme" content="light">
<#if properties.meta?has_content>
<#list properties.meta?split(' ') as meta>
<meta name="${meta?split('==')[0]}" content="${meta?split('==')[1]}">
</#list>
</#if>
<title><#if pageTitle?has_content>${pageTitle} · ${brandName}<#else>${msg("loginTitle", brandName)}</#if></title>
<#if faviconUrl?has_content>
<link rel="icon" href="${faviconUrl}">
</#if>
<#if properties.styles?has_content>
<#list properties.styles?split(' ') as style>
<link href="${url.resourcesPath}/${style}" rel="stylesheet">
</#list>
</#if>
<style>:root{--brand:${brandColor};--on-brand:${onBrandColor}}</style>
<#if properties.scripts?has_content>
<#list properties.scripts?split(' ') as script>
<script src="${url.resourcesPath}/${script}" type="text/javascript"></script>
</#list>
</#if>
<#if scripts??>
<#list scripts as script>
<script src="${script}" type="text/javascript"></script>
</#list>
</#if>
<script type="module" src="${url.resourcesPath}/js/passwordVisibility.js"></script>
<script type="module">
<#outputformat "JavaScript">
import { startSessionPolling } from ${(url.resourcesPath + "/js/authChecker.js")?c};
startSessionPolling(${url.ssoLoginInOtherTabsUrl?c});
</#outputformat>
</script>
<#if authenticationSession??>
<script type="module">
<#outputformat "JavaScript">
import { checkAuthSession } from ${(url.resourcesPath + "/js/authChecker.js")?c};
checkAuthSession(${authenticationSession.authSessionIdHash?c});
</#outputformat>
</script>
</#if>
</head>
<body class="${bodyClass}" data-page-id="login-${pageId!''}">
<main id="kc-content">
<#if logoUrl?has_content><img class="logo" src="${logoUrl}" alt=""></#if>
<h1 id="kc-header">${brandName}</h1>
<#if tagline?has_content><p class="tagline">${tagline}</p></#if>
<#if realm.internationalizationEnabled && locale?? && locale.supported?size gt 1>
<nav class="locales" aria-label="${msg('languages')}">
<#list locale.supported?sort_by("label") as l>
<a href="${l.url}"<#if l.languageTag == locale.currentLanguageTag> aria-current="true"</#if>>${l.label}</a><#sep> · </#sep>
</#list>
</nav>
</#if>
<p class="lead" id="kc-page-title"><#nested "header"></p>
<#if auth?has_content && auth.showUsername() && !auth.showResetCredentials()>
<p class="attempted-username"><span id="kc-attempted-username">${auth.attemptedUsername}</span> <a id="reset-login" href="${url.loginRestartFlowUrl}">${msg("restartLoginTooltip")}</a></p>
<#nested "show-username">
</#if>
<#if displayRequiredFields>
<p class="hint required-fields"><span aria-hidden="true">*</span> ${msg("requiredFields")}</p>
</#if>
<#if showNotice>
<p class="notice notice-${message.type}" role="status">${message.summary}</p>
</#if>
<div id="form-error" class="alert" role="alert"><#if formError?has_content>${formError}<#elseif showAlert>${message.summary}</#if></div>
<#nested "form">
<#if auth?has_content && auth.showTryAnotherWayLink()>
<form id="kc-select-try-another-way-form" action="${url.loginAction}" method="post" novalidate="novalidate">
<input type="hidden" name="tryAnotherWay" value="on">
<button type="submit" class="secondary" id="try-another-way">${msg("doTryAnotherWay")}</button>
</form>
</#if>
<#if switchOrganizationEnabled?? && switchOrganizationEnabled>
<form id="kc-switch-organization-form" action="${url.loginAction}" method="post" novalidate="novalidate">
<input type="hidden" name="switchOrganization" value="true">
<button type="submit" class="secondary" id="switch-organization">${msg("doSwitchOrganization")}</button>
</form>
</#if>
<#nested "socialProviders">
<#if displayInfo>
<div id="kc-info" class="info"><#nested "info"></div>
</#if>
</main>
</body>
</html>
</#macro>
