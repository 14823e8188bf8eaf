// Which HiMall admin page is this? Routes are ASP.NET MVC's, case-insensitive, each in the
// platform backend (/Admin) and the seller backend (/SellerAdmin). Predicates only.

const ADMIN = /^\/(admin|selleradmin)\//i

export function isHimallAdminPath(pathname: string): boolean {
  return ADMIN.test(pathname)
}

export function isProductManagementPage(url: URL | Location): boolean {
  return /^\/(admin|selleradmin)\/product\/management\/?$/i.test(url.pathname)
}

export function isLiveManagementPage(url: URL | Location): boolean {
  return /^\/(admin|selleradmin)\/live\/management\/?$/i.test(url.pathname)
}

export function isHomepageSettingPage(url: URL | Location): boolean {
  return /^\/(admin|selleradmin)\/wxsmallprogram\/homepagesetting\/?$/i.test(url.pathname)
}
