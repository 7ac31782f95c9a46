/* kdcc-test-quarks.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE  /* dl_iterate_phdr */
#define G_LOG_DOMAIN "kdcc-test"

#include "config.h"

#include <link.h>
#include <string.h>

#include "kdcc-test-util.h"

/* ------------------------------------------------------------------------
 * GLib 2.74's quark arrays under LeakSanitizer
 *
 * GLib keeps the strings of all quarks in one array that it replaces by a
 * larger copy every 2,048 quarks, and leaves the old array allocated on
 * purpose: a thread may still be reading it without a lock. A GUI test makes
 * more than 2,048 quarks (every GType, signal detail and property name), so
 * LeakSanitizer reported the first array, 16 KiB allocated by GLib's own
 * constructor before main(), as a direct leak with a stack that ends in
 * g_malloc (GLib has no frame pointers), which no suppression can name.
 *
 * So the tests find that array through GLib's writable data (the one pointer
 * there to a 16 KiB heap block whose entries are the strings of quarks 1
 * and 2), tell LeakSanitizer it is not a leak, and then make the arrays that
 * follow while LeakSanitizer ignores new allocations, by interning enough
 * quarks for any test at once. Nothing of KDCC's is hidden: only blocks GLib
 * allocates for its quark table are ignored. */

void   __lsan_ignore_object          (const void *p) __attribute__((weak));
void   __lsan_disable                (void) __attribute__((weak));
void   __lsan_enable                 (void) __attribute__((weak));
int    __sanitizer_get_ownership     (const volatile void *p) __attribute__((weak));
size_t __sanitizer_get_allocated_size (const volatile void *p) __attribute__((weak));

#define QUARKS_AHEAD 16384

typedef struct
{
  const char *first;
  const char *second;
  gpointer    found;
} QuarkArraySearch;

static int
find_quark_array_cb (struct dl_phdr_info *info,
                     size_t               size,
                     void                *data)
{
  QuarkArraySearch *search = data;

  if (info->dlpi_name == NULL || strstr (info->dlpi_name, "libglib-2.0.so") == NULL)
    return 0;

  for (guint i = 0; i < info->dlpi_phnum && search->found == NULL; i++)
    {
      const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
      const gpointer *slot, *end;

      if (ph->p_type != PT_LOAD || (ph->p_flags & PF_W) == 0)
        continue;
      slot = (const gpointer *) (info->dlpi_addr + ph->p_vaddr);
      end = (const gpointer *) (info->dlpi_addr + ph->p_vaddr + ph->p_memsz);
      for (; slot < end; slot++)
        {
          const char * const *array = *slot;

          if (array == NULL || ((guintptr) array & 7) != 0 ||
              !__sanitizer_get_ownership (array) ||
              __sanitizer_get_allocated_size (array) < 3 * sizeof (gpointer))
            continue;
          if (array[0] == NULL && array[1] == search->first && array[2] == search->second)
            {
              search->found = (gpointer) array;
              break;
            }
        }
    }
  return search->found != NULL;
}

void
kdcc_test_ignore_glib_quark_arrays (void)
{
  QuarkArraySearch search = { g_quark_to_string (1), g_quark_to_string (2), NULL };
  GQuark last = 0;

  /* Not built with AddressSanitizer: nothing to do. */
  if (__lsan_ignore_object == NULL || __sanitizer_get_ownership == NULL)
    return;

  dl_iterate_phdr (find_quark_array_cb, &search);
  if (search.found == NULL)
    g_error ("GLib's quark array was not found; LeakSanitizer would report it");
  __lsan_ignore_object (search.found);

  __lsan_disable ();
  for (guint i = 0; last < QUARKS_AHEAD; i++)
    {
      char name[48];

      g_snprintf (name, sizeof name, "kdcc-test-quark-%u", i);
      last = g_quark_from_string (name);
    }
  __lsan_enable ();
}
